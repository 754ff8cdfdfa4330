import AlbumCore
import Foundation
import Testing

@Suite struct MediaSignerTests {
    /// A deleted item stays reachable through URLs issued before: those URLs live an hour at
    /// most (the default), and at least half of that so a page stays usable.
    @Test func signedURLsLiveAtMostTheirLifetime() throws {
        let signer = MediaSigner(secret: "s", lifetime: MediaSettings().signedURLLifetime)
        #expect(signer.lifetime <= 3600)
        for _ in 0..<1000 {
            let now = Date(timeIntervalSince1970: Double.random(in: 1_700_000_000...1_900_000_000))
            let left = Double(signer.expiry(now: now)) - now.timeIntervalSince1970
            #expect(left <= signer.lifetime && left > signer.lifetime / 2 - 1, "\(now)")
            let url = signer.url(file: "f.jpg", now: now)
            let query = try #require(URLComponents(string: url)?.queryItems)
            let expires = query.first { $0.name == "Expires" }?.value
            let signature = query.first { $0.name == "Signature" }?.value
            #expect(signer.verify(path: "/media/f.jpg", expires: expires, signature: signature, now: now) == .valid)
            #expect(
                signer.verify(
                    path: "/media/f.jpg", expires: expires, signature: signature,
                    now: now.addingTimeInterval(signer.lifetime + 1)) == .expired)
        }
    }
}
