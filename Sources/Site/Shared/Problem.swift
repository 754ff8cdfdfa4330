import AlbumCore
import HTTP
import Logging

/// Any error as a closed kind, a status and plain words: the one place errors are mapped.
/// Each table's envelope then dresses a `Problem` in its dialect's format, choosing its own
/// words and codes by `kind` (one table per dialect), never by what was thrown.
public struct Problem: Sendable {
    /// What went wrong, in terms every dialect maps.
    public enum Kind: Sendable, Equatable {
        /// A value the request gave cannot be taken (`field` when one is to blame).
        case badInput(field: String?)
        /// Empty, truncated or corrupt, or a video without video.
        case unreadableFile
        case unsupportedType(mime: String)
        /// The plan does not take this stored type.
        case typeNotAllowed(ext: String)
        /// Over a size in bytes: the plan's or the fetch's `limit`, or the request's own (nil).
        case fileTooLarge(limit: Int?)
        case tooManyPixels
        case videoLength
        case notFound
        case noAccess
        case methodNotAllowed
        case credentialMissing
        case credentialInvalid
        /// A plan's limit (which one, when the plan's; nil for limits of another kind).
        case limitReached(PlanLimit?)
        case tooManyRequests
        case conflict
        case duplicate
        /// Ours: logged, never detailed to the caller.
        case failure
        /// A dialect's own numbered refusal (Chevereto's codes).
        case refused(code: Int)

        /// The kind of an error that only knows its status (`HTTPError`, a dialect's refusal).
        init(status: Status) {
            switch status.code {
            case 401: self = .credentialInvalid
            case 403: self = .noAccess
            case 404: self = .notFound
            case 405: self = .methodNotAllowed
            case 409: self = .conflict
            case 413: self = .fileTooLarge(limit: nil)
            case 429: self = .tooManyRequests
            case 500...: self = .failure
            default: self = .badInput(field: nil)
            }
        }
    }

    public var kind: Kind
    public var status: Status
    public var message: String
    /// Extra response headers (`Allow` on 405, `WWW-Authenticate` on 401).
    public var headers: [(String, String)] = []

    public init(_ kind: Kind, _ status: Status, _ message: String, headers: [(String, String)] = []) {
        self.kind = kind
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// A problem whose kind follows from its status.
    public init(_ status: Status, _ message: String, headers: [(String, String)] = []) {
        self.init(Kind(status: status), status, message, headers: headers)
    }

    static func from(_ error: Error, logger: Logger, requestId: String) -> Problem {
        switch error {
        case let error as HTTPError:
            return Problem(error.status, error.message)
        case let error as RateLimited:
            let message =
                switch error.reason {
                case .requests: "Too many requests. Try again in \(error.retryAfter) seconds."
                case .uploadsInProgress(let most):
                    "Too many uploads at once (at most \(most) in progress). Try again when one has finished."
                case .downloadsInProgress:
                    "A download is already running. Try again when it has finished."
                case .wrongPasswords: "Too many wrong passwords. Try again in \(error.retryAfter) seconds."
                }
            return Problem(.tooManyRequests, message, headers: [("Retry-After", String(error.retryAfter))])
        case let error as AuthFailure:
            switch error {
            case .missing: return Problem(.credentialMissing, .unauthorized, "Authentication required.")
            case .invalid: return Problem(.credentialInvalid, .unauthorized, "The credential is not valid.")
            case .crossSite: return Problem(.forbidden, "Cross-site requests are not accepted.")
            case .csrf:
                return Problem(
                    .forbidden, "The form has expired or did not come from this site. Reload the page and try again.")
            case .forbidden: return Problem(.forbidden, "You may not do that.")
            case .badSignature: return Problem(.forbidden, "The link's signature is not valid.")
            case .expiredSignature: return Problem(.forbidden, "The link has expired.")
            }
        case let error as AccountError:
            switch error {
            case .invalidCredentials: return Problem(.unauthorized, "Invalid username or password.")
            case .throttled(let seconds):
                let wait = seconds < 60 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
                return Problem(
                    .tooManyRequests, "Too many failed sign-in attempts. Try again in \(wait).",
                    headers: [("Retry-After", String(seconds))])
            case .invalidUsername(let why): return Problem(.badInput(field: "username"), .badRequest, why)
            case .weakPassword(let why): return Problem(.badInput(field: "password"), .badRequest, why)
            case .usernameTaken: return Problem(.conflict, "That username is taken.")
            case .userNotFound: return Problem(.notFound, "No such user.")
            case .groupNotFound: return Problem(.notFound, "No such group.")
            case .refused(let why): return Problem(.conflict, why)
            case .internalFailure(let why):
                logger.error("\(requestId) account failure: \(why)")
                return Problem(.internalServerError, "Something went wrong on our side.")
            }
        case let error as LibraryError:
            return library(error, logger: logger, requestId: requestId)
        case let error as DialectError:
            return error.problem
        case let error as RemoteFetcher.Failure:
            switch error {
            case .invalidURL:
                return Problem(.badInput(field: "source"), .badRequest, "The source is not an http or https URL.")
            case .refused(let why):
                return Problem(.badInput(field: "source"), .badRequest, "That URL may not be fetched: \(why).")
            case .unreachable(let why):
                return Problem(.badInput(field: "source"), .badRequest, "The URL could not be fetched: \(why).")
            case .tooLarge(let limit):
                return Problem(
                    .fileTooLarge(limit: limit), .payloadTooLarge, "The file at that URL is larger than \(limit) bytes."
                )
            }
        default:
            logger.error("\(requestId) unexpected error: \(String(reflecting: error))")
            return Problem(.internalServerError, "Something went wrong on our side.")
        }
    }
}

extension Problem {
    fileprivate static func library(_ error: LibraryError, logger: Logger, requestId: String) -> Problem {
        switch error {
        case .unsupportedType(let mime):
            return Problem(
                .unsupportedType(mime: mime), .unsupportedMediaType, "Files of type \(mime) are not accepted.")
        case .emptyFile: return Problem(.unreadableFile, .badRequest, "The file is empty.")
        case .tooManyPixels(let width, let height, let limit):
            return Problem(
                .tooManyPixels, .payloadTooLarge,
                "The image is \(width)×\(height) pixels; at most \(limit) pixels are accepted.")
        case .unreadable(let detail):
            logger.info("\(requestId) undecodable upload: \(detail)")
            return Problem(
                .unreadableFile, .badRequest, "The file could not be read as an image or a video (is it complete?).")
        case .noVideoStream: return Problem(.unreadableFile, .badRequest, "The file has no video in it.")
        case .fileTooLarge(let limit):
            return Problem(.fileTooLarge(limit: limit), .payloadTooLarge, "The file is larger than \(limit) bytes.")
        case .typeNotAllowed(let ext):
            return Problem(.typeNotAllowed(ext: ext), .badRequest, "Your plan does not allow .\(ext) files.")
        case .videoLength(let seconds, let minimum, let maximum):
            let range = "\(minimum.map { "\(Int($0))" } ?? "0")–\(maximum.map { "\(Int($0))" } ?? "∞") s"
            return Problem(
                .videoLength, .badRequest, "The video is \(Int(seconds.rounded())) s long; your plan allows \(range).")
        case .albumNotFound: return Problem(.notFound, "No such album.")
        case .mediaNotFound: return Problem(.notFound, "No such photo or video.")
        case .limitReached(let limit): return Problem(.limitReached(limit), .paymentRequired, limit.description)
        case .badInput(let field, let reason): return Problem(.badInput(field: field), .badRequest, reason)
        case .refused(let reason): return Problem(.noAccess, .forbidden, reason)
        case .alreadyInLibrary:
            return Problem(.duplicate, .conflict, "You have this photo or video already.")
        case .duplicate:
            return Problem(.duplicate, .conflict, "This file was uploaded from your address in the last day already.")
        case .storage(let detail):
            logger.error("\(requestId) media failure: \(detail)")
            return Problem(.internalServerError, "Something went wrong on our side.")
        }
    }
}

/// An error that already knows its problem: a dialect's own refusals (Chevereto's coded ones).
protocol DialectError: Error {
    var problem: Problem { get }
}

/// Why a credential check failed.
public enum AuthFailure: Error, Sendable {
    case missing, invalid, crossSite, csrf, forbidden, badSignature, expiredSignature
}

/// Renders a `Problem` in a dialect's format.
public struct ErrorEnvelope: Sendable {
    public let render: @Sendable (Problem, Context) -> Response

    public init(_ render: @escaping @Sendable (Problem, Context) -> Response) {
        self.render = render
    }

    /// Plain text, for URLs whose clients are `<img>` tags and download managers.
    public static let plain = ErrorEnvelope { problem, _ in
        var response = Response.text(problem.message + "\n", status: problem.status)
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }

    /// `{"error": "…"}`, the native JSON shape.
    public static let json = ErrorEnvelope { problem, _ in
        var response =
            (try? Response.json(["error": problem.message], status: problem.status))
            ?? .text(problem.message, status: problem.status)
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }
}
