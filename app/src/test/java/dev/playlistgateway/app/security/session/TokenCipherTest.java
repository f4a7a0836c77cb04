package dev.playlistgateway.app.security.session;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] AAD = "pgw-session:abc".getBytes(StandardCharsets.UTF_8);

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sealedRecordsOpenWithTheSameKeyAndAssociatedDataAndHideThePlainText() {
        TokenCipher cipher = new TokenCipher(KEY);

        byte[] sealed = cipher.seal(bytes("access-token-123"), AAD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("access-token-123");
        assertThat(cipher.open(sealed, AAD)).isEqualTo(bytes("access-token-123"));
    }

    @Test
    void everySealUsesAFreshNonce() {
        TokenCipher cipher = new TokenCipher(KEY);

        assertThat(cipher.seal(bytes("same"), AAD)).isNotEqualTo(cipher.seal(bytes("same"), AAD));
    }

    @Test
    void aRecordMovedUnderAnotherKeyOrTamperedWithOrSealedWithAnotherKeyDoesNotOpen() {
        TokenCipher cipher = new TokenCipher(KEY);
        byte[] sealed = cipher.seal(bytes("secret"), AAD);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        byte[] otherKey = KEY.clone();
        otherKey[0] = 42;

        assertThatThrownBy(() -> cipher.open(sealed, bytes("pgw-session:other"))).isInstanceOf(TokenCipher.Undecryptable.class);
        assertThatThrownBy(() -> cipher.open(tampered, AAD)).isInstanceOf(TokenCipher.Undecryptable.class);
        assertThatThrownBy(() -> new TokenCipher(otherKey).open(sealed, AAD)).isInstanceOf(TokenCipher.Undecryptable.class);
        assertThatThrownBy(() -> cipher.open(new byte[3], AAD)).isInstanceOf(TokenCipher.Undecryptable.class);
    }

    @Test
    void aConfiguredKeyMustBeBase64Of32Bytes() {
        String good = Base64.getEncoder().encodeToString(KEY);
        String goodUrlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY);
        byte[] sealed = TokenCipher.fromConfiguredKey(Optional.of(good), false).seal(bytes("x"), AAD);

        assertThat(TokenCipher.fromConfiguredKey(Optional.of(goodUrlSafe), false).open(sealed, AAD)).isEqualTo(bytes("x"));
        assertThatThrownBy(() -> TokenCipher.fromConfiguredKey(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), false))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.fromConfiguredKey(Optional.of("not base64 !!"), false))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void withoutAConfiguredKeyEachProcessMakesItsOwn() {
        TokenCipher first = TokenCipher.fromConfiguredKey(Optional.empty(), false);
        TokenCipher second = TokenCipher.fromConfiguredKey(Optional.of(" "), false);
        byte[] sealed = first.seal(bytes("x"), AAD);

        assertThat(first.open(sealed, AAD)).isEqualTo(bytes("x"));
        assertThatThrownBy(() -> second.open(sealed, AAD)).isInstanceOf(TokenCipher.Undecryptable.class);
    }
}
