import AlbumCore
import Crypto
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// Chevereto API V1.1 (seed 003) through the production pipeline, over real SQLite, libmagic,
/// libvips and ffmpeg on media made here.
@Suite struct CheveretoTests {
    let test: TestSite
    let media: GeneratedMedia
    let key: String
    let photo: String

    /// The image object's keys: the seed's example and seed-apis §4.2.
    static let imageKeys: Set<String> = [
        "name", "extension", "size", "width", "height", "date", "date_gmt", "title", "tags", "description", "nsfw",
        "storage_mode", "md5", "source_md5", "original_filename", "original_exifdata", "views", "category_id", "chain",
        "thumb_size", "medium_size", "frame_size", "expiration_date_gmt", "likes", "is_animated", "is_approved",
        "is_360", "duration", "type", "tags_string", "file", "id_encoded", "filename", "mime", "url", "ratio",
        "size_formatted", "frame", "image", "thumb", "url_frame", "medium", "duration_time", "url_viewer",
        "path_viewer", "url_short", "display_url", "display_width", "display_height", "views_label", "likes_label",
        "how_long_ago", "date_fixed_peer", "title_truncated", "title_truncated_html", "is_use_loader",
        "display_title", "delete_url",
    ]

    init() throws {
        test = try TestSite { $0.maxUpload = 8 << 20 }
        media = try GeneratedMedia()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "correct horse")
        key = try test.accounts.createAccessKey(.apiKey, for: "alice")
        photo = try media.image("holiday_photo-2024.jpg", width: 1600, height: 1200)
    }

    func upload(
        _ fields: [(String, String)] = [], file: String? = nil, filename: String = "holiday_photo-2024.jpg",
        field: String = "source", key: String? = nil, target: String = "/api/1/upload"
    ) throws -> Response {
        try test.postMultipart(
            target, fields: fields, files: [(field, filename, file ?? photo)],
            headers: [("X-API-Key", key ?? self.key)])
    }

    func json(_ response: Response) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(response.transcript)")
        }
        return object
    }

    func image(_ response: Response) throws -> [String: Any] {
        #expect(response.status == .ok, "\(response.transcript)")
        return try json(response)["image"] as? [String: Any] ?? [:]
    }

    func expectError(
        _ response: Response, _ message: String, _ code: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == .badRequest, "\(response.transcript)", sourceLocation: sourceLocation)
        let body = try json(response)
        #expect(body["status_code"] as? Int == 400, sourceLocation: sourceLocation)
        #expect(body["status_txt"] as? String == "Bad Request", sourceLocation: sourceLocation)
        let error = body["error"] as? [String: Any]
        #expect(error?["message"] as? String == message, "\(response.transcript)", sourceLocation: sourceLocation)
        #expect(error?["code"] as? Int == code, sourceLocation: sourceLocation)
    }

    @Test func aFileUploadAnswersTheSeedsKeysWithTrueValues() throws {
        let response = try upload()
        let body = try json(response)
        #expect(body["status_code"] as? Int == 200)
        #expect(body["status_txt"] as? String == "OK")
        #expect((body["success"] as? [String: Any])?["message"] as? String == "file uploaded")
        let image = try image(response)
        #expect(Set(image.keys) == Self.imageKeys)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: photo))
        #expect(image["md5"] as? String == Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        #expect(image["size"] as? Int == bytes.count)
        #expect(image["width"] as? Int == 1600 && image["height"] as? Int == 1200)
        #expect(image["ratio"] as? Double == 1600.0 / 1200.0)
        #expect(image["mime"] as? String == "image/jpeg" && image["extension"] as? String == "jpg")
        #expect(image["type"] as? String == "image")
        #expect(image["title"] as? String == "holiday photo 2024")
        #expect(image["original_filename"] as? String == "holiday_photo-2024.jpg")
        // image + medium + thumb: 1600 px is larger than the medium box.
        #expect(image["chain"] as? Int == 7)
        #expect((image["medium_size"] as? Int ?? 0) > 0 && (image["thumb_size"] as? Int ?? 0) > 0)
        #expect(image["frame_size"] as? Int == 0)
        #expect((image["frame"] as? [String: Any])?["url"] is NSNull)
        #expect(image["description"] is NSNull && image["expiration_date_gmt"] is NSNull)
        #expect(image["how_long_ago"] as? String == "moments ago")
        let dateGMT = image["date_gmt"] as? String ?? ""
        #expect(dateGMT.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"#, options: .regularExpression) != nil)
        let code = image["id_encoded"] as? String ?? ""
        #expect(image["path_viewer"] as? String == "/image/holiday-photo-2024.\(code)")
        #expect(image["url_viewer"] as? String == "http://albumen.test/image/holiday-photo-2024.\(code)")
        #expect(image["url_short"] as? String == "http://albumen.test/image/\(code)")
        let delete = image["delete_url"] as? String ?? ""
        #expect(
            delete.range(of: #"^http://albumen\.test/image/\#(code)/delete/[0-9a-f]{48}$"#, options: .regularExpression)
                != nil)
        // The direct URL is a permanent link that nginx serves.
        let url = image["url"] as? String ?? ""
        #expect(url.hasPrefix("http://albumen.test/i/") && url.hasSuffix("/holiday-photo-2024.jpg"))
        let served = test.send("GET", String(url.dropFirst("http://albumen.test".count)))
        #expect(served.status == .ok)
        #expect(served.headers["Content-Type"] == "image/jpeg")
        #expect(served.headers["X-Accel-Redirect"]?.hasPrefix("/_media/") == true)
        let thumb = (image["thumb"] as? [String: Any])?["url"] as? String ?? ""
        #expect(test.send("GET", String(thumb.dropFirst("http://albumen.test".count))).status == .ok)
    }

    @Test func theKeyComesFromTheHeaderTheQueryOrTheBody() throws {
        #expect(try upload().status == .ok)
        let query = try test.postMultipart("/api/1/upload?key=\(key)", files: [("source", "a.jpg", photo)])
        #expect(query.status == .ok, "\(query.transcript)")
        let body = try test.postMultipart("/api/1/upload", fields: [("key", key)], files: [("source", "a.jpg", photo)])
        #expect(body.status == .ok, "\(body.transcript)")
    }

    @Test func keyErrorsAreCoded400s() throws {
        let missing = try test.postMultipart("/api/1/upload", files: [("source", "a.jpg", photo)])
        try expectError(missing, "No key provided.", 100)
        #expect(
            missing.bodyText
                == #"{"error":{"code":100,"message":"No key provided."},"status_code":400,"status_txt":"Bad Request"}"#)
        try expectError(try upload(key: "alb_k_wrong"), "Invalid API key.", 100)
    }

    @Test func versionsActionsAndTrailingSlash() throws {
        try expectError(test.send("POST", "/api/2/upload", headers: [("X-API-Key", key)]), "Invalid API version.", 110)
        try expectError(test.send("GET", "/api/1/delete", headers: [("X-API-Key", key)]), "Invalid API action", 120)
        try expectError(test.send("GET", "/api/v2/upload/", headers: [("X-API-Key", key)]), "Invalid API version.", 110)
        #expect(try upload(target: "/api/1/upload/").status == .ok)
        // Other APIs' unknown paths keep their own 404.
        #expect(test.send("GET", "/api/no/such").status == .notFound)
    }

    @Test func sourceErrors() throws {
        try expectError(
            test.postForm("/api/1/upload?key=\(key)", [("title", "nothing")]), "Empty upload source", 130)
        try expectError(
            test.postForm("/api/1/upload?key=\(key)", [("source", "bm90IGJhc2U2NA=@=")]), "Invalid base64 string", 120)
        try expectError(
            test.send("GET", "/api/1/upload?key=\(key)&source=aGVsbG8="),
            "Upload using base64 source must be done using POST method.", 130)
        // URL sources are for admins unless the setting opens them.
        try expectError(
            test.send("GET", "/api/1/upload?key=\(key)&source=https%3A%2F%2Fexample.org%2Fa.jpg"),
            "URL uploading is disabled", 130)
    }

    @Test func base64WithImageAnswersImgBBsShape() throws {
        let encoded = try Data(contentsOf: URL(fileURLWithPath: photo)).base64EncodedString()
        let response = test.postForm("/api/1/upload?key=\(key)", [("image", encoded), ("name", "from imgbb")])
        #expect(response.status == .ok, "\(response.transcript)")
        let body = try json(response)
        #expect(body["success"] as? Bool == true)
        #expect(body["status"] as? Int == 200)
        #expect(body["image"] == nil)
        let data = body["data"] as? [String: Any] ?? [:]
        #expect(data["id"] as? String == data["id_encoded"] as? String && data["id"] != nil)
        #expect(data["title"] as? String == "from imgbb")
        #expect((data["file"] as? [String: Any])?["resource"] as? [String: String] == ["type": "base64"])
        // With `source`, the Chevereto shape; whitespace inside base64 is dropped.
        let spaced = stride(from: 0, to: encoded.count, by: 76).map {
            String(encoded.dropFirst($0).prefix(76))
        }.joined(separator: "\n")
        #expect(try image(test.postForm("/api/1/upload?key=\(key)", [("source", spaced)]))["width"] as? Int == 1600)
    }

    @Test func titleDescriptionTagsNsfwAndCategory() throws {
        let long = String(repeating: "x", count: 150)
        var image = try image(
            upload([
                ("name", long), ("description", "At the sea"), ("tags", "sea, summer,,sun"), ("nsfw", "1"),
                ("category_id", "3"),
            ]))
        #expect((image["title"] as? String)?.count == 100)
        #expect(image["title_truncated"] as? String == String(repeating: "x", count: 25) + "...")
        #expect(image["description"] as? String == "At the sea")
        #expect(image["tags"] as? [String] == ["sea", "summer", "sun"])
        #expect(image["tags_string"] as? String == "sea,summer,sun")
        #expect(image["nsfw"] as? Int == 1)
        #expect(image["category_id"] as? Int == 3)
        image = try self.image(upload([("title", "<b>Sea</b>"), ("nsfw", "yes")]))
        #expect(image["title"] as? String == "<b>Sea</b>")
        #expect(image["title_truncated_html"] as? String == "&lt;b&gt;Sea&lt;/b&gt;")
        #expect(image["nsfw"] as? Int == 0)
    }

    @Test func widthServesAResizedCopyAndKeepsTheOriginal() throws {
        let image = try image(upload([("width", "400")]))
        #expect(image["width"] as? Int == 400 && image["height"] as? Int == 300)
        #expect(image["chain"] as? Int == 15)
        #expect((image["url"] as? String)?.hasSuffix(".w400.jpg") == true)
        #expect(image["mime"] as? String == "image/jpeg")
        let path = String((image["url"] as? String ?? "").dropFirst("http://albumen.test".count))
        #expect(test.send("GET", path).headers["X-Accel-Redirect"]?.hasSuffix(".w400.jpg") == true)
    }

    @Test func expirationPresetsSecondsClampsAndRefusals() throws {
        func expiry(_ value: String) throws -> TimeInterval {
            let image = try image(upload([("expiration", value)]))
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let start = formatter.date(from: image["date_gmt"] as? String ?? "")!
            let end = formatter.date(from: image["expiration_date_gmt"] as? String ?? "")!
            return end.timeIntervalSince(start)
        }
        #expect(abs(try expiry("PT30M") - 1800) <= 1)
        #expect(abs(try expiry("P3D") - 3 * 86400) <= 1)
        #expect(abs(try expiry("7200") - 7200) <= 1)
        #expect(abs(try expiry("60") - 300) <= 1)  // clamped up to 5 minutes
        #expect(abs(try expiry("P2Y") - 365 * 86400) <= 1)  // and down to a year
        try expectError(try upload([("expiration", "soon")]), "Invalid expiration", 400)
    }

    @Test func formatsTxtRedirectAndUnknown() throws {
        let txt = try upload([("format", "txt")])
        #expect(txt.status == .ok)
        #expect(txt.bodyText.hasPrefix("http://albumen.test/i/") && txt.bodyText.hasSuffix(".jpg"))
        let redirect = try upload([("format", "redirect")])
        #expect(redirect.status == .found)
        #expect(redirect.headers["Location"]?.hasPrefix("/image/holiday-photo-2024.") == true)
        #expect(try json(upload([("format", "xml")]))["status_code"] as? Int == 200)
        let failed = try upload([("format", "txt")], key: "alb_k_wrong")
        #expect(failed.status == .badRequest)
        #expect(failed.bodyText == "Invalid API key.")
        #expect(failed.headers["Content-Type"]?.hasPrefix("text/plain") == true)
    }

    @Test func badFilesGetTheOriginalsMessages() throws {
        let html = try media.write("page.jpg", Array("<!doctype html><html><body>hi</body></html>".utf8))
        try expectError(try upload(file: html, filename: "page.jpg"), "Invalid mimetype", 612)
        let empty = try media.write("empty.jpg", [])
        try expectError(try upload(file: empty), "Invalid image", 400)
        let whole = try Data(contentsOf: URL(fileURLWithPath: photo))
        let truncated = try media.write("cut.jpg", Array(whole.prefix(whole.count / 3)))
        try expectError(try upload(file: truncated), "Invalid image", 400)
        #expect(try test.library.media(ownerId: aliceId(), limit: 10).isEmpty)
    }

    @Test func tooLargeForThePlan() throws {
        try test.database.write { db in
            try db.execute(sql: "INSERT INTO plans (name, max_file_bytes) VALUES ('tiny', 1048576)")
            try db.execute(sql: "UPDATE users SET plan_id = last_insert_rowid() WHERE username = 'alice'")
        }
        // Random pixels: a PNG of about 1.5 MB.
        let big = try media.ffmpeg(
            "big.png",
            [
                "-f", "lavfi", "-i", "nullsrc=s=800x800,geq=random(1)*255:random(2)*255:random(3)*255",
                "-frames:v", "1",
            ])
        try expectError(try upload(file: big, filename: "big.png"), "File too big - max 1 MB", 400)
    }

    @Test func albumsOfOthersAreDroppedSilently() throws {
        let library = test.library
        let own = try library.album(named: "Mine", ownerId: aliceId())
        let bobs = try library.album(named: "Bob's", ownerId: try #require(test.accounts.user(named: "bob")?.id))
        let ownCode = try albumCode(own)
        let first = try image(upload([("album_id", ownCode)]))
        let second = try image(upload([("album_id", try albumCode(bobs))]))
        let items = try library.media(ownerId: aliceId(), limit: 10)
        let byCode = Dictionary(
            uniqueKeysWithValues: items.map { (test.services.links.mediaCode($0.item), $0.item.albumId) })
        #expect(byCode[first["id_encoded"] as? String ?? ""] == .some(own))
        #expect(byCode[second["id_encoded"] as? String ?? ""] == .some(nil))
    }

    @Test func duplicatesAreRefusedOnlyWhenTheSettingSaysSo() throws {
        #expect(try upload().status == .ok)
        #expect(try upload().status == .ok)
        let strict = try TestSite { $0.refuseDuplicates = true }
        try strict.accounts.createUser(username: "carol", password: "correct horse")
        let carolKey = try strict.accounts.createAccessKey(.apiKey, for: "carol")
        let send = {
            try strict.postMultipart(
                "/api/1/upload", files: [("source", "a.jpg", self.photo)], headers: [("X-API-Key", carolKey)])
        }
        #expect(try send().status == .ok)
        try expectError(try send(), "Duplicated upload", 101)
    }

    @Test func videosReportFrameDurationAndIgnoreWidth() throws {
        let video = try media.video("clip.mp4", seconds: 3)
        let image = try image(upload([("width", "100")], file: video, filename: "clip.mp4"))
        #expect(image["type"] as? String == "video")
        #expect(image["mime"] as? String == "video/mp4")
        #expect(image["duration"] as? Int == 3 && image["duration_time"] as? String == "00:03")
        #expect(image["chain"] as? Int == 21)
        #expect(image["width"] as? Int == 320)
        let frame = image["frame"] as? [String: Any] ?? [:]
        #expect((frame["size"] as? Int ?? 0) > 0 && frame["size"] as? Int == image["frame_size"] as? Int)
        #expect((image["path_viewer"] as? String)?.hasPrefix("/video/clip.") == true)
        #expect(image["display_url"] as? String == image["url_frame"] as? String)
    }

    @Test func viewerShortLinkAndDeleteLink() throws {
        let image = try image(upload())
        let path = image["path_viewer"] as? String ?? ""
        let page = test.send("GET", path)
        #expect(page.status == .ok, "\(page.transcript)")
        #expect(page.bodyText.contains(#"<meta property="og:image""#))
        #expect(page.bodyText.contains("holiday photo 2024"))
        let code = image["id_encoded"] as? String ?? ""
        let short = test.send("GET", "/image/\(code)")
        #expect(short.status == .found && short.headers["Location"] == path)
        #expect(test.send("GET", "/video/\(code)").headers["Location"] == path)

        let delete = String((image["delete_url"] as? String ?? "").dropFirst("http://albumen.test".count))
        let wrong = test.send("GET", "/image/\(code)/delete/" + String(repeating: "0", count: 48))
        #expect(wrong.status == .notFound)
        #expect(test.send("GET", path).status == .ok)
        // A link preview or a mail scanner fetching the link deletes nothing: GET and HEAD ask.
        let confirm = test.send("GET", delete)
        #expect(confirm.status == .ok, "\(confirm.transcript)")
        #expect(confirm.bodyText.contains(#"<form method="post" action="\#(delete)""#))
        #expect(test.send("HEAD", delete).status == .ok)
        #expect(test.send("GET", path).status == .ok)
        #expect(test.send("POST", "/image/\(code)/delete/" + String(repeating: "0", count: 48)).status == .notFound)
        #expect(test.send("GET", path).status == .ok)
        // Posting the page's form deletes, without cookies or a CSRF token: the secret is the permission.
        let deleted = test.send("POST", delete)
        #expect(deleted.status == .seeOther && deleted.headers["Location"] == path + "?deleted")
        let gone = test.send("GET", path + "?deleted")
        #expect(gone.status == .notFound && gone.bodyText.contains("This file has been deleted."))
        #expect(test.send("GET", delete).status == .notFound)
        #expect(test.send("POST", delete).status == .notFound)
        let url = String((image["url"] as? String ?? "").dropFirst("http://albumen.test".count))
        #expect(test.send("GET", url).status == .notFound)
    }

    @Test func useFileDateIsForAdminsOnly() throws {
        let dated = media.path("dated.jpg")
        try runTool("exiftool", ["-q", "-o", dated, "-DateTimeOriginal=2001:02:03 04:05:06", photo])
        #expect(
            try image(upload([("use_file_date", "1")], file: dated))["date_gmt"] as? String != "2001-02-03 04:05:06")
        try test.accounts.createUser(username: "root", password: "correct horse", role: .admin)
        let adminKey = try test.accounts.createAccessKey(.apiKey, for: "root")
        let image = try image(upload([("use_file_date", "1")], file: dated, key: adminKey))
        #expect(image["date_gmt"] as? String == "2001-02-03 04:05:06")
    }

    func aliceId() throws -> Int64 { try #require(test.accounts.user(named: "alice")?.id) }

    func albumCode(_ id: Int64) throws -> String { test.services.links.albumCode(id) }
}
