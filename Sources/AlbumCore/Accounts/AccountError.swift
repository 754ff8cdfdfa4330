/// What the account use cases refuse; each dialect maps these to its own status and words.
public enum AccountError: Error, Equatable, Sendable {
    /// Unknown user or wrong password: deliberately one case, so nobody can tell which.
    case invalidCredentials
    /// Too many failed sign-ins (`LoginThrottle`): try again after this many seconds.
    case throttled(retryAfter: Int)
    case invalidUsername(String)
    case weakPassword(String)
    case usernameTaken
    case userNotFound
    case groupNotFound
    /// An administrative change that would lock everyone out (the last admin disabled or
    /// demoted), or a name already in use; the words say which.
    case refused(String)
    case internalFailure(String)
}
