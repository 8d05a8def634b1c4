package org.iocmap.layers.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins what a photo may be (size, type by content) and that only generated names ever reach the file system. */
class PhotoFilesTest {
    /** A 1×1 PNG. */
    static final byte[] PNG = HexFormat.of()
            .parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    + "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082");

    @TempDir
    Path dir;

    private PhotoFiles files(long maxBytes) {
        return new PhotoFiles(dir.resolve("photos"), maxBytes);
    }

    private Path upload(byte[] bytes) throws IOException {
        Path upload = dir.resolve("upload-" + System.nanoTime());
        Files.write(upload, bytes);
        return upload;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jpeg, ffd8ffe000104a46494600010100, JPEG, jpg",
        "png, 89504e470d0a1a0a0000000d49484452, PNG, png",
        "webp, 524946461a000000574542505650384c, WEBP, webp"
    })
    void aPhotoIsKeptUnderAGeneratedNameOfItsType(String what, String hex, PhotoType type, String extension)
            throws IOException {
        Path upload = upload(HexFormat.of().parseHex(hex));
        StoredPhoto kept = files(1024).keep(upload, "media");
        assertThat(kept.type()).isEqualTo(type);
        assertThat(kept.fileName()).matches(PhotoFiles.NAME.pattern()).endsWith("." + extension);
        assertThat(upload).doesNotExist();
        assertThat(files(1024).find(kept.fileName())).hasValueSatisfying(p -> assertThat(p)
                .hasBinaryContent(HexFormat.of().parseHex(hex)));
        assertThat(PhotoFiles.typeOf(kept.fileName())).isEqualTo(type);
    }

    @Test
    void aPhotoAboveTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path upload = upload(PNG);
        assertThatThrownBy(() -> files(PNG.length - 1).keep(upload, "photo"))
                .isInstanceOfSatisfying(InvalidPhotoException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(413);
                    assertThat(e.parameter()).isEqualTo("photo");
                })
                .hasMessageContaining("at most " + (PNG.length - 1) + " bytes");
        assertThat(upload).exists(); // left for the upload folder to clean
        assertThat(files(PNG.length).keep(upload, "photo").sizeBytes()).isEqualTo(PNG.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gif, 474946383961",
        "text, 3c68746d6c3e",
        "pdf, 255044462d312e34",
        "riff but not webp, 524946461a00000057415645",
        "empty, ''"
    })
    void anythingButJpegPngOrWebpIsRefusedWhateverItsName(String what, String hex) throws IOException {
        Path upload = upload(HexFormat.of().parseHex(hex));
        assertThatThrownBy(() -> files(1024).keep(upload, "media"))
                .isInstanceOfSatisfying(InvalidPhotoException.class, e -> assertThat(e.httpStatus())
                        .isEqualTo(415))
                .hasMessageContaining("JPEG, PNG or WebP");
        assertThat(Files.list(dir.resolve("photos")).toList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../photos/x.png",
                "..%2Fjwt-secret",
                "../jwt-secret",
                "/etc/passwd",
                "0F8FAD5B-D9CB-469F-A165-70867728950E.png",
                "0f8fad5b-d9cb-469f-a165-70867728950e.gif",
                "0f8fad5b-d9cb-469f-a165-70867728950e.png/",
                "0f8fad5b-d9cb-469f-a165-70867728950e.png\u0000.txt",
                "0f8fad5b-d9cb-469f-a165-70867728950e",
                ""
            })
    void onlyGeneratedNamesAreLookedUp(String name) throws IOException {
        PhotoFiles files = files(1024);
        Files.writeString(dir.resolve("jwt-secret"), "secret");
        assertThat(files.find(name)).isEmpty();
        assertThat(PhotoFiles.typeOf(name)).isNull();
    }

    @Test
    void deletingRemovesTheFilesOfAFailedChange() throws IOException {
        PhotoFiles files = files(1024);
        StoredPhoto kept = files.keep(PNG, "media");
        assertThat(files.find(kept.fileName())).isPresent();
        files.delete(List.of(kept));
        assertThat(files.find(kept.fileName())).isEmpty();
        files.delete(List.of(kept)); // already gone: nothing to do
    }
}
