/**
 * A self-signed TLS certificate for `localhost` only (no IP address in its names), valid
 * 2020-2120, and its private key. TEST MATERIAL ONLY: it protects nothing and is public. Made
 * with `openssl req` / `openssl ca -selfsign` (P-256); committed so tests need no openssl.
 *
 * - Addressed as `https://127.0.0.1:port` by a client that does not trust it: an untrusted
 *   certificate (`DEPTH_ZERO_SELF_SIGNED_CERT`).
 * - Trusted (`NODE_EXTRA_CA_CERTS` pointing at {@link TEST_TLS_CERT}) and addressed by IP: a host
 *   name mismatch (`ERR_TLS_CERT_ALTNAME_INVALID`).
 */
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBgDCCASagAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABCCYR/xpMcN6PoJ0
wkI1TwEL8iKZH0Le+QHJi8Wgo8+lcjQFy4hDhKl4lBlIolF7W1OYlm7505xqx82h
46ROZ6KjZzBlMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAMBgNVHRMBAf8EAjAAMAsG
A1UdDwQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcDATAdBgNVHQ4EFgQUum36/zBC
xPPhZthsDPKJxtpl4q4wCgYIKoZIzj0EAwIDSAAwRQIhANMNkK/lf89U7VuQREye
EduG4omb3Sv3UoYTNh8mA0f3AiBx2DHDv/zPnI4BIlL5Mspr6FmYX2VVkDGm/tNd
cmfSNA==
-----END CERTIFICATE-----
`;

/** The private key of {@link TEST_TLS_CERT}. TEST MATERIAL ONLY (public, protects nothing). */
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6L3n1ks32+PsB5Gy
/sLPGMDSb+Fu8gcGxYzNJQykWlShRANCAAQgmEf8aTHDej6CdMJCNU8BC/IimR9C
3vkByYvFoKPPpXI0BcuIQ4SpeJQZSKJRe1tTmJZu+dOcasfNoeOkTmei
-----END PRIVATE KEY-----
`;
