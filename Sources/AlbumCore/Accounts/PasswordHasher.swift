import Argon2

/// Password hashes for accounts: argon2id (`Argon2id`), its failures in the accounts' words.
public enum PasswordHasher {
    /// An encoded hash (`$argon2id$v=19$m=…`) that carries its own salt and parameters.
    public static func hash(_ password: String) throws -> String {
        do {
            return try Argon2id.hash(password)
        } catch let failure as Argon2id.Failure {
            throw AccountError.internalFailure(failure.description)
        }
    }

    public static func verify(_ password: String, against encoded: String) -> Bool {
        Argon2id.verify(password, against: encoded)
    }

    /// A hash of nothing anyone knows, verified against for unknown usernames so that they
    /// take as long as a wrong password.
    static let decoy: String = (try? hash(Secrets.random())) ?? ""
}
