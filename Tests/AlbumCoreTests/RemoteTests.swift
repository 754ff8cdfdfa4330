import AlbumCore
import Testing

/// The URL-upload guard (DESIGN §7) and the reversible short codes of Chevereto links.
@Suite struct AddressPolicyTests {
    func isPublic(_ host: String) -> Bool {
        let addresses = AddressPolicy.resolve(host)
        return !addresses.isEmpty && addresses.allSatisfy(AddressPolicy.isPublic)
    }

    @Test func refusesEverySpellingOfInternalAddresses() {
        for host in [
            "127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "localhost", "::1", "::", "0.0.0.0",
            "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "224.0.0.1",
            "255.255.255.255", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::",
            "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        ] {
            #expect(!isPublic(host), "\(host) → \(AddressPolicy.resolve(host))")
        }
    }

    @Test func acceptsPublicAddresses() {
        for host in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"] {
            #expect(isPublic(host), "\(host)")
        }
    }

    @Test func oddSpellingsResolveToWhatTheyMean() {
        for host in ["2130706433", "0x7f000001", "127.1"] {
            #expect(AddressPolicy.resolve(host).map(\.description) == ["127.0.0.1"], "\(host)")
        }
        #expect(AddressPolicy.resolve("::1").map(\.description) == ["[::1]"])
    }

    @Test func fetcherRefusesBeforeConnecting() {
        let fetcher = RemoteFetcher(settings: RemoteFetcher.Settings())
        let refused = [
            "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://0x7f000001/",
            "http://2130706433/", "http://localhost/", "http://[::ffff:127.0.0.1]/",
        ]
        for url in refused {
            #expect(throws: RemoteFetcher.Failure.self, "\(url)") { try fetcher.fetch(url, to: "/dev/null") }
            #expect(
                { () -> Bool in
                    if case .refused = fetcher.failure(url) { return true }
                    return false
                }(), "\(url)")
        }
        for url in ["ftp://example.org/a.jpg", "file:///etc/passwd", "gopher://x/", "http://user@example.org/", "no"] {
            #expect(fetcher.failure(url) == .invalidURL, "\(url)")
        }
        #expect(fetcher.failure("http://93.184.216.34:8080/") == .refused("port 8080 is not allowed"))
    }

    @Test func allowListedHostsMayBeLoopbackOnAnyPort() {
        var settings = RemoteFetcher.Settings()
        settings.allowedHosts = ["127.0.0.1"]
        let fetcher = RemoteFetcher(settings: settings)
        #expect(fetcher.failure("http://127.0.0.1:8081/a.jpg") == nil)
        #expect(fetcher.failure("http://localhost:8081/a.jpg") != nil)
    }
}

@Suite struct ShortCodeTests {
    @Test func roundTripsAndLooksRandom() {
        let codes = ShortCode(secret: "s", purpose: "media")
        var seen = Set<String>()
        for id in Array(1...2000) + [Int64.max, 1 << 40] {
            let code = codes.encode(Int64(id))
            #expect(codes.decode(code) == Int64(id))
            #expect(code.count <= 11)
            seen.insert(code)
        }
        #expect(seen.count == 2002)
        // Neighbouring ids share no visible pattern, and another key or purpose reads another id.
        #expect(codes.encode(1).prefix(3) != codes.encode(2).prefix(3))
        #expect(ShortCode(secret: "s", purpose: "album").decode(codes.encode(7)) != 7)
        #expect(ShortCode(secret: "t", purpose: "media").decode(codes.encode(7)) != 7)
    }

    @Test func garbageIsNotACode() {
        let codes = ShortCode(secret: "s", purpose: "media")
        // Asked twice, the same answer.
        for text in ["", "abc-def", "ÄÖ", "zzzzzzzzzzzz", "../../etc"] + ["", "abc-def", "ÄÖ", "zzzzzzzzzzzz"] {
            #expect(codes.decode(text) == nil, "\(text)")
        }
        let code = codes.encode(42)
        #expect(codes.decode(code) == 42 && codes.decode(code) == 42 && codes.decode(code[...]) == 42)
    }
}
