import Foundation
import HTTP
import SiteTestSupport
import Testing

/// Seed 004's album endpoints as a client sees them, as a transcript (`Transcripts/webapi-albums.txt`).
@Suite struct WebAPITranscriptTests {
    @Test func albumsAsAClientSeesThem() throws {
        let test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        let alice = ["albumen_session": try test.signIn("alice", "correct horse")["albumen_session"] ?? ""]
        let json = [("Content-Type", "application/json")]
        let transcript = Transcript()
        transcript.send(test, "GET", "/api/albums", cookies: alice, note: "A new account has no albums.")
        let created = transcript.send(
            test, "POST", "/api/albums", headers: json, body: #"{"name":"  Summer 2026  "}"#, cookies: alice,
            note: "Names are trimmed; the answer is the album.")
        transcript.send(
            test, "POST", "/api/albums", headers: json, body: #"{"name":"   "}"#, cookies: alice,
            note: "An empty name is the documented 400.")
        transcript.send(test, "GET", "/api/albums", cookies: alice)
        transcript.send(test, "GET", "/api/photos", cookies: alice, note: "No photos yet: a bare empty array.")
        let id = (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["id"] as? String ?? ""
        transcript.send(
            test, "DELETE", "/api/albums", headers: json, body: #"{"id":"\#(id)"}"#, cookies: alice,
            note: "Deleting answers success, and again (idempotent, as the original).")
        transcript.send(test, "DELETE", "/api/albums", headers: json, body: #"{"id":"\#(id)"}"#, cookies: alice)
        transcript.send(test, "GET", "/api/albums", note: "Without a session: 401 in Spanish.")
        try transcript.expect(file: "webapi-albums")
    }
}
