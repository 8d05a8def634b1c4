package org.iocmap.service.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.kinds.UserAccount;
import org.iocmap.layers.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores users and checks their passwords. Blocks on the store: call from worker threads. */
public final class UserService {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    /** The demo users, one per role; created only in demo mode. Passwords equal usernames. */
    public static final List<String> DEMO_USERS = List.of(Roles.ADMIN, Roles.OPERATOR, Roles.FISHERIES, Roles.PLANNER);

    private final Store store;
    private final PasswordHasher hasher;

    public UserService(Store store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    /** Returns the user's name and roles when the password matches; empty for an unknown user or wrong password. */
    public Optional<Viewer> authenticate(String username, String password) {
        Optional<UserAccount> account = find(username);
        // Hash even for an unknown user, so the response time does not tell which usernames exist.
        String stored = account.map(UserAccount::getPasswordHash).orElse(DUMMY_HASH);
        boolean matches = hasher.matches(password, stored);
        return account.filter(a -> matches).map(a -> new Viewer(a.getUsername(), roles(a)));
    }

    /** Returns the account with this username; empty when there is none. */
    public Optional<UserAccount> find(String username) {
        return store.inTransaction(session -> session.createSelectionQuery(
                        "from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username)
                .getResultStream()
                .findFirst());
    }

    /** Creates a user unless one with this name exists; returns whether it was created. */
    public boolean createIfMissing(String username, String password, Set<String> roles, String displayName) {
        if (find(username).isPresent()) {
            return false;
        }
        String hash = hasher.hash(password);
        store.inTransaction(session -> {
            session.persist(new UserAccount(username, hash, String.join(",", roles), displayName, Instant.now()));
            return null;
        });
        LOG.info("Created user {} with roles {}", username, roles);
        return true;
    }

    /** Creates the demo users (password = username), one per role. */
    public void createDemoUsers() {
        for (String name : DEMO_USERS) {
            createIfMissing(name, name, Set.of(name), displayNameOf(name));
        }
    }

    private static String displayNameOf(String role) {
        return switch (role) {
            case Roles.ADMIN -> "Quản trị hệ thống";
            case Roles.OPERATOR -> "Trực ban IOC";
            case Roles.FISHERIES -> "Kiểm ngư";
            case Roles.PLANNER -> "Quy hoạch";
            default -> role;
        };
    }

    private static Set<String> roles(UserAccount account) {
        Set<String> roles = new LinkedHashSet<>();
        Arrays.stream(account.getRoles().split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .forEach(roles::add);
        return roles;
    }

    private static final String DUMMY_HASH = new PasswordHasher().hash("not a password of anyone");
}
