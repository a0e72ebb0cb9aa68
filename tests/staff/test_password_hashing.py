"""Staff passwords are hashed with Argon2id at OWASP's parameters, not Django's 100 MiB."""

from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import override_settings

from putright.accounts.hashers import OwaspArgon2PasswordHasher

ARGON2 = ["putright.accounts.hashers.OwaspArgon2PasswordHasher"]


class TestPasswordHashing:
    @override_settings(PASSWORD_HASHERS=ARGON2)
    def test_a_password_is_hashed_with_argon2id_at_owasp_parameters(self) -> None:
        encoded = make_password("correct horse battery staple")
        assert encoded.startswith("argon2$argon2id$")
        assert "m=19456,t=2,p=1" in encoded
        assert check_password("correct horse battery staple", encoded)
        assert not check_password("wrong", encoded)
        assert isinstance(identify_hasher(encoded), OwaspArgon2PasswordHasher)

    @override_settings(PASSWORD_HASHERS=ARGON2)
    def test_a_hash_made_with_djangos_defaults_still_verifies_and_is_marked_for_upgrade(
        self,
    ) -> None:
        from django.contrib.auth.hashers import Argon2PasswordHasher

        old = Argon2PasswordHasher().encode("secret", Argon2PasswordHasher().salt())
        hasher = OwaspArgon2PasswordHasher()
        assert hasher.verify("secret", old)
        assert hasher.must_update(old)
