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

    /// Each use may sign with its own policy (a share's 15 minutes, never past its end); the
    /// same file under two policies gets two URLs, each kept for its own expiry.
    @Test func eachUseSignsWithItsOwnPolicy() throws {
        let signer = MediaSigner(secret: "s", lifetime: 3600)
        let now = Date(timeIntervalSince1970: 1_800_000_123)
        func expires(_ url: String) -> Int { Int(url.components(separatedBy: "Expires=")[1].prefix { $0 != "&" }) ?? 0 }
        let share = MediaSigner.Policy(lifetime: 900)
        let short = signer.url(file: "f.jpg", policy: share, now: now)
        let long = signer.url(file: "f.jpg", now: now)
        #expect(expires(short) - 1_800_000_123 <= 900 && expires(short) - 1_800_000_123 > 449)
        #expect(expires(long) - 1_800_000_123 > 1799)
        #expect(signer.url(file: "f.jpg", policy: share, now: now) == short)
        let ending = MediaSigner.Policy(lifetime: 900, notAfter: 1_800_000_200)
        let capped = signer.url(file: "f.jpg", policy: ending, now: now)
        #expect(expires(capped) == 1_800_000_200)
        let signature = capped.components(separatedBy: "Signature=")[1]
        #expect(signer.verify(path: "/media/f.jpg", expires: "1800000200", signature: signature, now: now) == .valid)
        #expect(
            signer.verify(
                path: "/media/f.jpg", expires: "1800000200", signature: signature,
                now: Date(timeIntervalSince1970: 1_800_000_201)) == .expired)
    }
}
