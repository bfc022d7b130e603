package org.parley.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throw-away PostgreSQL servers reached with the client the subscriber store uses (pgjdbc through a
 * HikariCP pool). Skipped when PostgreSQL is missing, unless {@code CI=true} (STYLE.md §9).
 */
class PostgresServerIT {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void needsPostgres() {
        Assumptions.assumeTrue(PostgresServer.isInstalled() || "true".equals(System.getenv("CI")),
                "PostgreSQL is not installed (Debian package " + PostgresServer.PACKAGE + "); skipping");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private PostgresServer start(PostgresServer.Builder builder) {
        PostgresServer server = builder.start();
        opened.add(server);
        return server;
    }

    private HikariDataSource pool(PostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        return pool;
    }

    @Test
    void servesAPooledJdbcClientThatCreatesInsertsAndSelects() throws SQLException {
        PostgresServer pg = start(PostgresServer.builder().database("subscribers").user("registrar")
                .password("s3cret-pw"));
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/subscribers");
        assertThat(pg.host()).isEqualTo("127.0.0.1");
        assertThat(pg.port()).isPositive();
        if (Programs.isRoot()) {
            assertThat(ProcessHandle.of(pg.pid()).orElseThrow().info().user()).as("PostgreSQL refuses root")
                    .contains(Programs.UNPRIVILEGED_USER);
        }

        HikariDataSource pool = pool(pg);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE subscriber (username text PRIMARY KEY, ha1 text NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscriber VALUES (?, ?)")) {
                insert.setString(1, "alice");
                insert.setString(2, "4a2b");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT ha1, current_user, current_database(), "
                    + "current_setting('server_version_num') FROM subscriber WHERE username = 'alice'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("4a2b");
                assertThat(rs.getString(2)).isEqualTo("registrar");
                assertThat(rs.getString(3)).isEqualTo("subscribers");
                assertThat(rs.getString(4)).startsWith(pg.majorVersion());
            }
        }
    }

    @Test
    void checksTheRolesPassword() {
        PostgresServer pg = start(PostgresServer.builder());

        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password() + "x").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void runsTwoServersAtOnceOnDifferentPortsWithTheirOwnData() throws SQLException {
        PostgresServer first = start(PostgresServer.builder());
        PostgresServer second = start(PostgresServer.builder());

        assertThat(first.port()).isNotEqualTo(second.port());
        assertThat(first.directory()).isNotEqualTo(second.directory());
        try (Connection a = pool(first).getConnection(); Statement s = a.createStatement()) {
            s.execute("CREATE TABLE only_here (n int)");
        }
        try (Connection b = pool(second).getConnection(); Statement s = b.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('only_here') IS NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("the second server does not see the first one's table").isTrue();
        }
    }

    @Test
    void closeStopsTheServerWithItsOpenConnectionsFreesThePortAndDeletesTheDirectory() throws Exception {
        PostgresServer pg = PostgresServer.start();
        opened.add(pg);
        ProcessHandle server = ProcessHandle.of(pg.pid()).orElseThrow();
        List<ProcessHandle> children = server.descendants().toList();
        Path dir = pg.directory();
        assertThat(children).as("the postmaster's background processes").isNotEmpty();
        assertThat(dir.resolve("data").resolve("PG_VERSION")).exists();
        Connection open = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());

        pg.close();
        pg.close();

        assertThat(server.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(pg.isAlive()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThat(open.isValid(2)).isFalse();
        open.close();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", pg.port()));
            assertThat(socket.getLocalPort()).isEqualTo(pg.port());
        } catch (IOException e) {
            throw new AssertionError("port " + pg.port() + " still taken after close", e);
        }
    }
}
