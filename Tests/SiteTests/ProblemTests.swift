import AlbumCore
import HTTP
import Logging
import Testing

@testable import Site

/// Errors are mapped once, to a closed kind with a status and words; the dialects' tables then
/// speak by kind, never by what was thrown.
@Suite struct ProblemTests {
    func problem(_ error: Error) -> Problem {
        Problem.from(error, logger: Logger(label: "test"), requestId: "r")
    }

    @Test func domainErrorsCarryWhatTheyAreAbout() {
        let full = problem(LibraryError.limitReached(.itemsPerAlbum(2)))
        #expect(full.kind == .limitReached(.itemsPerAlbum(2)) && full.status == .paymentRequired)
        #expect(full.message == "This album is full: at most 2 items.")
        let name = problem(LibraryError.badInput(field: "name", reason: "Album names have 1 to 255 bytes."))
        #expect(name.kind == .badInput(field: "name") && name.status == .badRequest)
        #expect(problem(LibraryError.fileTooLarge(limit: 5)).kind == .fileTooLarge(limit: 5))
        #expect(problem(LibraryError.unsupportedType("text/plain")).kind == .unsupportedType(mime: "text/plain"))
        #expect(problem(LibraryError.noVideoStream).kind == .unreadableFile)
        #expect(problem(RemoteFetcher.Failure.invalidURL).kind == .badInput(field: "source"))
    }

    @Test func credentialsAndStatusOnlyErrorsHaveKindsToo() {
        #expect(problem(AuthFailure.missing).kind == .credentialMissing)
        #expect(problem(AuthFailure.invalid).kind == .credentialInvalid)
        #expect(problem(AuthFailure.csrf).kind == .noAccess)
        #expect(problem(HTTPError(.payloadTooLarge, "too big")).kind == .fileTooLarge(limit: nil))
        #expect(problem(HTTPError(.notFound, "no")).kind == .notFound)
        #expect(problem(CheveretoError("Duplicated upload", code: 101)).kind == .refused(code: 101))
        let ours = problem(LibraryError.storage("disk on fire"))
        #expect(ours.kind == .failure && ours.message == "Something went wrong on our side.")
    }
}
