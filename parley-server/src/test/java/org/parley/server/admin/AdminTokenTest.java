package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AdminToken}: made once, owner-only, reused, checked. */
class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void makesA256BitUrlSafeTokenAtFirstStartInAnOwnerOnlyFile() throws IOException {
        Path data = dir.resolve("data");
        AdminToken token = AdminToken.loadOrCreate(data);
        assertThat(token.isNew()).isTrue();
        assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(token.file()).isEqualTo(data.resolve(AdminToken.FILE_NAME));
        assertThat(Files.readString(token.file()).strip()).isEqualTo(token.value());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.file()))).isEqualTo("rw-------");
        try (var files = Files.list(data)) {
            assertThat(files).as("no temporary file left").containsExactly(token.file());
        }
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void reusesTheStoredTokenLater() throws IOException {
        AdminToken first = AdminToken.loadOrCreate(dir);
        AdminToken again = AdminToken.loadOrCreate(dir);
        assertThat(again.isNew()).isFalse();
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(AdminToken.loadOrCreate(dir.resolve("other")).value()).isNotEqualTo(first.value());
    }

    @Test
    void tightensAStoredFileOthersCouldRead() throws IOException {
        AdminToken first = AdminToken.loadOrCreate(dir);
        Files.setPosixFilePermissions(first.file(), PosixFilePermissions.fromString("rw-r--r--"));
        AdminToken.loadOrCreate(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
    }

    @Test
    void refusesAFileWithoutAUsableTokenNamingIt() throws IOException {
        Path file = dir.resolve(AdminToken.FILE_NAME);
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> AdminToken.loadOrCreate(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("16..512 characters");
        Files.writeString(file, "0123456789abcdef0123 with space\n");
        assertThatThrownBy(() -> AdminToken.loadOrCreate(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("may hold only");
    }

    @Test
    void matchesOnlyTheExactToken() {
        AdminToken token = AdminToken.of("abcdefghijklmnop-_0123");
        assertThat(token.matches("abcdefghijklmnop-_0123")).isTrue();
        assertThat(token.matches("abcdefghijklmnop-_012")).isFalse();
        assertThat(token.matches("abcdefghijklmnop-_01234")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThatThrownBy(() -> AdminToken.of("too-short")).isInstanceOf(IllegalArgumentException.class);
    }
}
