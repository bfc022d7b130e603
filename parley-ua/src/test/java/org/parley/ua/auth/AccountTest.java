package org.parley.ua.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountTest {
    @Test
    void toStringMasksThePassword() {
        Account a = Account.forRealm("example.org", "alice", "s3cret");
        assertThat(a.toString()).contains("alice", "example.org").doesNotContain("s3cret");
        assertThat(Account.of("bob", "hunter2").toString()).contains("any realm").doesNotContain("hunter2");
    }

    @Test
    void answersItsRealmOrAnyWhenItHasNone() {
        assertThat(Account.forRealm("example.org", "alice", "p").answers("example.org")).isTrue();
        assertThat(Account.forRealm("example.org", "alice", "p").answers("other.org")).isFalse();
        assertThat(Account.of("alice", "p").answers("other.org")).isTrue();
        assertThat(Account.of("alice", "p").realm()).isEmpty();
    }

    @Test
    void refusesAnEmptyUsernameOrALineBreak() {
        assertThatThrownBy(() -> Account.of("", "p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username");
        assertThatThrownBy(() -> Account.forRealm("a\r\nb", "u", "p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realm");
    }
}
