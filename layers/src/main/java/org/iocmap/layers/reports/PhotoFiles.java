package org.iocmap.layers.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the photo files of reports in one folder (the data directory's {@code photos}). A photo is checked before it
 * is kept: at most {@link #maxBytes()} bytes, and a JPEG, PNG or WebP image by its first bytes, whatever name or type
 * the sender claimed. It is kept under a generated name (a random UUID and the extension of its type): nothing from the
 * request ever becomes part of a path.
 *
 * <p>Callers store the file first and record it in the database after; when that transaction fails they {@link
 * #delete} the files again, so no row names a missing file and no file outlives a failed submission for long.
 *
 * <p>Thread-safe: every file has its own name.
 */
public final class PhotoFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoFiles.class);

    /** A name this class generates: a lower-case UUID and one of the three extensions. Nothing else is ever opened. */
    public static final Pattern NAME =
            Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(jpg|png|webp)");

    private static final int HEAD_BYTES = 12;

    private final Path folder;
    private final long maxBytes;

    /**
     * Creates the keeper of {@code folder}, creating the folder when missing.
     *
     * @param maxBytes the largest photo accepted
     * @throws UncheckedIOException when the folder cannot be created
     */
    public PhotoFiles(Path folder, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, was " + maxBytes);
        }
        this.folder = folder.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(this.folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the photo folder " + this.folder, e);
        }
    }

    /** Returns the largest photo accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Checks the file {@code upload} and moves it into the folder under a generated name.
     *
     * @param parameter the request field that carried it, for the message
     * @throws InvalidPhotoException when it is too large or not a JPEG, PNG or WebP image; the upload stays where it is
     * @throws UncheckedIOException when it cannot be read or moved
     */
    public StoredPhoto keep(Path upload, String parameter) {
        try {
            long size = Files.size(upload);
            checkSize(size, parameter);
            PhotoType type = detect(upload, parameter);
            String name = UUID.randomUUID() + "." + type.extension();
            Path target = folder.resolve(name);
            try {
                Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(upload, target); // another file system: copy, the upload folder cleans itself
            }
            return new StoredPhoto(name, type, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the photo of '" + parameter + "': " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code bytes} and writes them into the folder under a generated name.
     *
     * @throws InvalidPhotoException when they are too many or not a JPEG, PNG or WebP image
     */
    public StoredPhoto keep(byte[] bytes, String parameter) {
        checkSize(bytes.length, parameter);
        PhotoType type = PhotoType.detect(bytes);
        if (type == null) {
            throw wrongType(parameter);
        }
        String name = UUID.randomUUID() + "." + type.extension();
        try {
            Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the photo of '" + parameter + "': " + e.getMessage(), e);
        }
        return new StoredPhoto(name, type, bytes.length);
    }

    /** Deletes the files of {@code photos}; a file that cannot be deleted is logged, not thrown. */
    public void delete(List<StoredPhoto> photos) {
        for (StoredPhoto photo : photos) {
            try {
                Files.deleteIfExists(folder.resolve(photo.fileName()));
            } catch (IOException e) {
                LOG.warn("Cannot delete the photo {} of a failed change: {}", photo.fileName(), e.getMessage());
            }
        }
    }

    /**
     * Returns the path of the photo called {@code name} when the name is one this class makes and the file exists;
     * empty otherwise. The name is checked against {@link #NAME} before any file-system call, so names with
     * separators, dots or other characters never reach the file system.
     */
    public Optional<Path> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path path = folder.resolve(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Returns the type of a name {@link #NAME} matches, from its extension; null for any other name. */
    public static PhotoType typeOf(String name) {
        Matcher m = name == null ? null : NAME.matcher(name);
        return m != null && m.matches() ? PhotoType.ofExtension(m.group(2).toLowerCase(Locale.ROOT)) : null;
    }

    private void checkSize(long size, String parameter) {
        if (size > maxBytes) {
            throw new InvalidPhotoException(
                    parameter,
                    InvalidPhotoException.Reason.TOO_LARGE,
                    parameter + " is " + size + " bytes; a photo may have at most " + maxBytes + " bytes ("
                            + String.format(Locale.ROOT, "%.1f", maxBytes / 1_048_576.0) + " MB)");
        }
    }

    private static PhotoType detect(Path upload, String parameter) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(upload)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        PhotoType type = PhotoType.detect(head);
        if (type == null) {
            throw wrongType(parameter);
        }
        return type;
    }

    private static InvalidPhotoException wrongType(String parameter) {
        return new InvalidPhotoException(
                parameter,
                InvalidPhotoException.Reason.WRONG_TYPE,
                parameter + " is not an image of an accepted type; expected " + PhotoType.ACCEPTED + " ("
                        + String.join(", ", PhotoType.contentTypes()) + "), recognised by the file's content");
    }
}
