import CSodium

/// The Swift face of libsodium's argon2id (`crypto_pwhash_str`, interactive limits), so that no
/// C module is imported by the domain (DESIGN §1).
public enum Argon2id {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    private static let ready: Bool = sodium_init() >= 0

    /// An encoded hash (`$argon2id$v=19$m=…`) that carries its own salt and parameters.
    public static func hash(_ password: String) throws -> String {
        guard ready else { throw Failure(description: "libsodium did not initialise") }
        var out = [CChar](repeating: 0, count: albumen_pwhash_strbytes())
        let bytes = Array(password.utf8CString.dropLast())
        let status = crypto_pwhash_str(
            &out, bytes, UInt64(bytes.count), albumen_pwhash_opslimit(), albumen_pwhash_memlimit())
        guard status == 0 else { throw Failure(description: "password hashing ran out of memory") }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `encoded`; false for anything malformed.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        guard ready else { return false }
        let bytes = Array(password.utf8CString.dropLast())
        return crypto_pwhash_str_verify(encoded, bytes, UInt64(bytes.count)) == 0
    }
}
