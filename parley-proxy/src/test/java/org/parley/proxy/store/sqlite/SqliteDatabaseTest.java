package org.parley.proxy.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteDatabase}: the data directory, the pragmas, the schema and clear errors for bad files. */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createsTheDataDirectoryAndTheSchemaOnceInWalMode() throws Exception {
        Path data = dir.resolve("a/b/data");
        SqliteDatabase db = SqliteDatabase.open(data);
        assertThat(db.file()).isEqualTo(data.resolve("parley.db").toAbsolutePath());
        assertThat(Files.isRegularFile(db.file())).isTrue();
        SqliteDatabase.open(data);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
            // NORMAL is 1 (SQLite's PRAGMA synchronous numbering).
            assertThat(single(s, "PRAGMA synchronous")).isEqualTo("1");
            assertThat(single(s, "SELECT group_concat(version) FROM parley_schema")).isEqualTo("1");
            assertThat(single(s, "SELECT count(*) FROM sqlite_master WHERE name IN ('subscriber', 'binding',"
                    + " 'binding_expires_at')")).isEqualTo("3");
        }
    }

    @Test
    void aFileInPlaceOfTheDataDirectoryIsNamed() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file");
        assertThatThrownBy(() -> SqliteDatabase.open(notADirectory)).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("cannot create the data directory " + notADirectory);
        assertThatThrownBy(() -> SqliteDatabase.open(notADirectory.resolve("below")))
                .isInstanceOf(SqliteStoreException.class).hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aCorruptDatabaseFileIsNamed() throws Exception {
        Path file = dir.resolve(SqliteDatabase.FILE_NAME);
        Files.writeString(file, "not a database at all. ".repeat(200), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SqliteDatabase.open(dir)).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("SQLite database " + file).hasMessageContaining("not a database");
    }

    @Test
    void aDirectoryInPlaceOfTheDatabaseFileIsNamed() throws Exception {
        Files.createDirectories(dir.resolve(SqliteDatabase.FILE_NAME));
        assertThatThrownBy(() -> SqliteDatabase.open(dir)).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(dir.resolve(SqliteDatabase.FILE_NAME).toString());
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE parley_schema SET version = " + (SqliteDatabase.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> SqliteDatabase.open(dir)).isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(db.file().toString()).hasMessageContaining("schema version is 2");
    }

    private static String single(Statement s, String query) throws Exception {
        try (ResultSet r = s.executeQuery(query)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
