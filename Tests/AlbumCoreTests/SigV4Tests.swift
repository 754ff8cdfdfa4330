import AlbumCore
import Foundation
import Testing

/// The signer against the worked examples of AWS's S3 SigV4 documentation (the example
/// credentials, bucket and dates published there).
@Suite struct SigV4Tests {
    let signer = SigV4(
        accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    @Test func aGetWithARangeIsSignedAsTheExample() {
        let authorization = signer.authorization(
            method: "GET", path: "/test.txt", query: [],
            headers: [
                ("host", "examplebucket.s3.amazonaws.com"), ("range", "bytes=0-9"),
                ("x-amz-content-sha256", SigV4.emptyPayload), ("x-amz-date", "20130524T000000Z"),
            ], payloadHash: SigV4.emptyPayload, date: date)
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func aPresignedGetIsSignedAsTheExample() {
        let query = signer.presignedQuery(
            method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", expires: 86400, date: date)
        #expect(query.hasSuffix("&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"))
        #expect(query.hasPrefix("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524"))
    }

    @Test func encodingKeepsOnlyUnreservedCharacters() {
        #expect(SigV4.encode("a b/c~d*e") == "a%20b%2Fc~d%2Ae")
        #expect(SigV4.encode("ab/cd/x.jpg", keepSlash: true) == "ab/cd/x.jpg")
        #expect(SigV4.encode("é") == "%C3%A9")
    }
}
