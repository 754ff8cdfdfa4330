import Foundation
import HTTP
import SiteTestSupport
import Testing

/// Seed 003's refusals as a client sees them, as a transcript (`Transcripts/chevereto-refusals.txt`):
/// the coded 400 envelope, `format=txt`, and the other APIs' own 404 beside it.
@Suite struct CheveretoTranscriptTests {
    @Test func refusalsAsAClientSeesThem() throws {
        let test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        let key = try test.accounts.createAccessKey(.apiKey, for: "alice")
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let transcript = Transcript()
        transcript.send(test, "POST", "/api/1/upload", headers: form, body: "source=", note: "No key at all.")
        transcript.send(
            test, "POST", "/api/1/upload", headers: form + [("X-API-Key", "alb_k_wrong")], body: "source=x",
            note: "A key that is not one.")
        transcript.send(
            test, "POST", "/api/1/upload?key=" + key, headers: form, body: "title=nothing", note: "Nothing to upload.")
        transcript.send(
            test, "GET", "/api/1/upload?key=\(key)&source=aGVsbG8=", note: "base64 must come by POST.")
        transcript.send(
            test, "POST", "/api/1/upload?key=\(key)&format=txt", headers: form, body: "source=not-base64!",
            note: "Errors as text with format=txt (DESIGN §2, decision 3).")
        transcript.send(test, "POST", "/api/2/upload", headers: [("X-API-Key", key)], note: "Other versions…")
        transcript.send(test, "GET", "/api/1/delete", headers: [("X-API-Key", key)], note: "…and other actions.")
        transcript.send(test, "GET", "/api/no/such", note: "Other APIs' unknown paths keep their own 404.")
        try transcript.expect(file: "chevereto-refusals")
    }
}
