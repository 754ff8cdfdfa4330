import CSodium

/// argon2id password hashes through libsodium (`crypto_pwhash_str`), with its interactive limits.
public enum PasswordHasher {
    private static let ready: Bool = sodium_init() >= 0

    /// An encoded hash (`$argon2id$v=19$m=…`) that carries its own salt and parameters.
    public static func hash(_ password: String) throws -> String {
        guard ready else { throw AccountError.internalFailure("libsodium did not initialise") }
        var out = [CChar](repeating: 0, count: albumen_pwhash_strbytes())
        let bytes = Array(password.utf8CString.dropLast())
        let status = crypto_pwhash_str(
            &out, bytes, UInt64(bytes.count), albumen_pwhash_opslimit(), albumen_pwhash_memlimit())
        guard status == 0 else { throw AccountError.internalFailure("password hashing ran out of memory") }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func verify(_ password: String, against encoded: String) -> Bool {
        guard ready else { return false }
        let bytes = Array(password.utf8CString.dropLast())
        return crypto_pwhash_str_verify(encoded, bytes, UInt64(bytes.count)) == 0
    }

    /// A hash of nothing anyone knows, verified against for unknown usernames so that they
    /// take as long as a wrong password.
    static let decoy: String = (try? hash(Secrets.random())) ?? ""
}
