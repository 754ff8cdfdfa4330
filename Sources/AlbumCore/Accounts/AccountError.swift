/// What the account use cases refuse; each dialect maps these to its own status and words.
public enum AccountError: Error, Equatable, Sendable {
    /// Unknown user or wrong password: deliberately one case, so nobody can tell which.
    case invalidCredentials
    case throttled
    case invalidUsername(String)
    case weakPassword(String)
    case usernameTaken
    case userNotFound
    case internalFailure(String)
}
