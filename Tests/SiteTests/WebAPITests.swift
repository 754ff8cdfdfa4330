import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// The session-cookie JSON API of seed 004, through the production pipeline.
@Suite struct WebAPITests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: [String: String]
    let bob: [String: String]
    let photo: String

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "correct horse")
        alice = try test.signIn("alice", "correct horse")
        bob = try test.signIn("bob", "correct horse")
        photo = try media.image("photo.jpg", width: 640, height: 480)
    }

    func call(_ method: String, _ path: String, _ json: String? = nil, as cookies: [String: String]? = nil)
        -> Response
    {
        test.send(
            method, path, headers: json == nil ? [] : [("Content-Type", "application/json")], body: json,
            cookies: cookies ?? alice)
    }

    func object(_ response: Response) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    func array(_ response: Response) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
    }

    func upload(album: String? = nil, as cookies: [String: String]? = nil) throws -> [String: Any] {
        let response = try test.postMultipart(
            "/api/photos/upload", fields: album.map { [("album_id", $0)] } ?? [], files: [("file", "photo.jpg", photo)],
            cookies: cookies ?? alice)
        #expect(response.status == .ok, "\(response.transcript)")
        return try object(response)
    }

    @Test func albumsAreCreatedTrimmedAndListedOldestFirst() throws {
        let first = call("POST", "/api/albums", #"{"name":"  Summer  "}"#)
        #expect(first.status == .ok, "\(first.transcript)")
        let album = try object(first)
        #expect(album["name"] as? String == "Summer")
        #expect(Set(album.keys) == ["id", "user_id", "name", "created_at"])
        #expect((album["id"] as? String).flatMap(UUID.init(uuidString:)) != nil)
        let created = album["created_at"] as? String ?? ""
        #expect(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        _ = call("POST", "/api/albums", #"{"name":"Winter"}"#)
        let list = call("GET", "/api/albums")
        #expect(list.bodyText.hasPrefix("["))
        #expect(try array(list).map { $0["name"] as? String } == ["Summer", "Winter"])
        #expect(try array(call("GET", "/api/albums", as: bob)).isEmpty)
    }

    /// Issue 19: a library too large to keep whole is streamed in runs read by their key —
    /// every item once, newest upload first, in the same objects as the kept answer.
    @Test func aLargeLibraryIsListedWholeAsAStream() throws {
        let seeded = try test.library.seed(.init(users: 1, albums: 3, media: 12_006, password: "bench-password"))
        let owner = try test.accounts.user(named: seeded.usernames[0])!
        let cookies = try test.signIn(owner.username, "bench-password")
        let response = call("GET", "/api/photos", as: cookies)
        #expect(response.status == .ok && response.headers["Content-Type"] == "application/json; charset=utf-8")
        let photos = try array(response)
        #expect(photos.count == 12_006)
        #expect(Set(photos.compactMap { $0["id"] as? String }).count == 12_006)
        let newest = try test.library.media(ownerId: owner.id!, limit: 3).map(\.item.uuid)
        #expect(photos.prefix(3).compactMap { $0["id"] as? String } == newest)
        let created = photos.compactMap { $0["created_at"] as? String }
        #expect(created.count == 12_006 && created == created.sorted(by: >))
        #expect(
            Set(photos[0].keys)
                == [
                    "id", "user_id", "album_id", "blob_url", "file_name", "file_size", "file_type", "width", "height",
                    "created_at",
                ])
        #expect(photos.filter { $0["album_id"] is String }.count == 10_800)
    }

    @Test func documentedErrors() throws {
        for body in [#"{}"#, #"{"name":"   "}"#, #"{"name":3}"#, "not json"] {
            let response = call("POST", "/api/albums", body)
            #expect(response.status == .badRequest && response.bodyText == #"{"error":"Nombre requerido"}"#, "\(body)")
        }
        for body in ["{}", #"{"id":7}"#, #"{"id":""}"#, "[1]", "not json", ""] {
            let noId = call("DELETE", "/api/albums", body)
            #expect(noId.status == .badRequest && noId.bodyText == #"{"error":"No se proporciono ID"}"#, "\(body)")
        }
        let anonymous = call("GET", "/api/albums", as: [:])
        #expect(anonymous.status == .unauthorized && anonymous.bodyText == #"{"error":"No autorizado"}"#)
        let missing = call("PATCH", "/api/photos/move", #"{"id":"\#(UUID())","album_id":null}"#)
        #expect(missing.status == .notFound && missing.bodyText == #"{"error":"Foto no encontrada"}"#)
        #expect(call("DELETE", "/api/photos/delete", "{}").bodyText == #"{"error":"No se proporciono ID"}"#)
        let noFile = try test.postMultipart("/api/photos/upload", fields: [("x", "y")], cookies: alice)
        #expect(noFile.status == .badRequest)
    }

    /// A failure on our side answers each endpoint's documented 500 words, named in the route
    /// table (no handler translates errors itself).
    @Test func failuresOnOurSideAnswerEachEndpointsDocumentedWords() throws {
        try test.database.write { try $0.execute(sql: "ALTER TABLE albums RENAME TO albums_gone") }
        let list = call("GET", "/api/albums")
        #expect(list.status == .internalServerError && list.bodyText == #"{"error":"Error al obtener albums"}"#)
        let create = call("POST", "/api/albums", #"{"name":"Trips"}"#)
        #expect(create.status == .internalServerError && create.bodyText == #"{"error":"Error al crear album"}"#)
        let photos = call("GET", "/api/photos")
        #expect(photos.status == .internalServerError && photos.bodyText == #"{"error":"Error al obtener fotos"}"#)
        // Refusals the dialect names keep their own status and words.
        #expect(call("POST", "/api/albums", #"{"name":" "}"#).bodyText == #"{"error":"Nombre requerido"}"#)
    }

    @Test func crossSiteCallsAreRefusedSameOriginOnesPass() throws {
        let crossSite = test.send(
            "POST", "/api/albums", headers: [("Content-Type", "application/json"), ("Origin", "https://evil.example")],
            body: #"{"name":"x"}"#, cookies: alice)
        #expect(crossSite.status == .forbidden)
        let fetchSite = test.send(
            "DELETE", "/api/albums", headers: [("Sec-Fetch-Site", "cross-site")], body: #"{"id":"x"}"#, cookies: alice)
        #expect(fetchSite.status == .forbidden)
        let sameOrigin = test.send(
            "POST", "/api/albums",
            headers: [
                ("Content-Type", "application/json"), ("Origin", "http://albumen.test"),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            body: #"{"name":"ok"}"#, cookies: alice)
        #expect(sameOrigin.status == .ok)
    }

    @Test func uploadMoveAndDeletePhotos() throws {
        let album = try object(call("POST", "/api/albums", #"{"name":"Trip"}"#))
        let albumId = album["id"] as? String ?? ""
        let loose = try upload()
        #expect(loose["album_id"] is NSNull)
        #expect(loose["file_type"] as? String == "image/jpeg" && loose["width"] as? Int == 640)
        #expect(
            Set(loose.keys) == [
                "id", "user_id", "album_id", "blob_url", "file_name", "file_size", "file_type", "width", "height",
                "created_at",
            ])
        let inAlbum = try upload(album: albumId)
        #expect(inAlbum["album_id"] as? String == albumId)
        // Newest first.
        #expect(
            try array(call("GET", "/api/photos")).map { $0["id"] as? String } == [
                inAlbum["id"] as? String, loose["id"] as? String,
            ])
        let moved = call(
            "PATCH", "/api/photos/move", #"{"id":"\#(loose["id"] as? String ?? "")","album_id":"\#(albumId)"}"#)
        #expect(try object(moved)["album_id"] as? String == albumId)
        let out = call("PATCH", "/api/photos/move", #"{"id":"\#(loose["id"] as? String ?? "")","album_id":null}"#)
        #expect(try object(out)["album_id"] is NSNull)
        // An album id that is not a string reads as absent, as the original's handler reads it.
        _ = call("PATCH", "/api/photos/move", #"{"id":"\#(loose["id"] as? String ?? "")","album_id":"\#(albumId)"}"#)
        let odd = call("PATCH", "/api/photos/move", #"{"id":"\#(loose["id"] as? String ?? "")","album_id":5}"#)
        #expect(try object(odd)["album_id"] is NSNull)
        let deleted = call("DELETE", "/api/photos/delete", #"{"id":"\#(loose["id"] as? String ?? "")"}"#)
        #expect(deleted.bodyText == #"{"success":true}"#)
        #expect(try array(call("GET", "/api/photos")).count == 1)
        #expect(call("DELETE", "/api/photos/delete", #"{"id":"\#(loose["id"] as? String ?? "")"}"#).status == .notFound)
    }

    @Test func deletingAnAlbumKeepsItsPhotos() throws {
        let albumId = try object(call("POST", "/api/albums", #"{"name":"Trip"}"#))["id"] as? String ?? ""
        let photo = try upload(album: albumId)
        #expect(call("DELETE", "/api/albums", #"{"id":"\#(albumId)"}"#).bodyText == #"{"success":true}"#)
        let photos = try array(call("GET", "/api/photos"))
        #expect(photos.map { $0["id"] as? String } == [photo["id"] as? String])
        #expect(photos.first?["album_id"] is NSNull)
        #expect(try array(call("GET", "/api/albums")).isEmpty)
        // Idempotent, as the original: deleting again or an unknown id still says success.
        #expect(call("DELETE", "/api/albums", #"{"id":"\#(albumId)"}"#).bodyText == #"{"success":true}"#)
    }

    @Test func otherUsersIdsLeakNothing() throws {
        let bobsAlbum = try object(call("POST", "/api/albums", #"{"name":"Bob's"}"#, as: bob))["id"] as? String ?? ""
        let bobsPhoto = try upload(album: bobsAlbum, as: bob)
        let bobsId = bobsPhoto["id"] as? String ?? ""
        // Alice can neither see, move, delete nor upload into Bob's things.
        #expect(try array(call("GET", "/api/photos")).isEmpty)
        #expect(call("PATCH", "/api/photos/move", #"{"id":"\#(bobsId)","album_id":null}"#).status == .notFound)
        #expect(call("DELETE", "/api/photos/delete", #"{"id":"\#(bobsId)"}"#).status == .notFound)
        let mine = try upload()
        let intoBobs = call(
            "PATCH", "/api/photos/move", #"{"id":"\#(mine["id"] as? String ?? "")","album_id":"\#(bobsAlbum)"}"#)
        #expect(intoBobs.status == .notFound)
        let uploadIntoBobs = try test.postMultipart(
            "/api/photos/upload", fields: [("album_id", bobsAlbum)], files: [("file", "p.jpg", photo)], cookies: alice)
        #expect(uploadIntoBobs.status == .notFound)
        #expect(call("DELETE", "/api/albums", #"{"id":"\#(bobsAlbum)"}"#).bodyText == #"{"success":true}"#)
        let bobsAlbums = try array(call("GET", "/api/albums", as: bob))
        #expect(bobsAlbums.map { $0["id"] as? String } == [bobsAlbum])
        #expect(try array(call("GET", "/api/photos", as: bob)).first?["album_id"] as? String == bobsAlbum)
    }

    /// Listing objects are kept with the row they were written from: a change made behind the
    /// API's back (another process, another dialect) shows in the next listing, in both
    /// listings, and an unchanged row is written the same.
    @Test func keptListingObjectsFollowEveryChangeOfTheirRow() throws {
        let album = try object(call("POST", "/api/albums", #"{"name":"Kept"}"#))["id"] as? String ?? ""
        let photo = try upload(album: album)
        let token = try test.accounts.createAccessKey(.token, for: "alice")
        func listings() throws -> ([String: Any], [String: Any]) {
            let native = test.send("GET", "/api/media", headers: [("Authorization", "Bearer " + token)])
            let items = try JSONSerialization.jsonObject(with: Data(native.body)) as? [[String: Any]] ?? []
            return (try array(call("GET", "/api/photos")).first ?? [:], items.first ?? [:])
        }
        let (first, firstNative) = try listings()
        #expect(first["album_id"] as? String == album && first["id"] as? String == photo["id"] as? String)
        let (same, sameNative) = try listings()
        #expect(NSDictionary(dictionary: same) == NSDictionary(dictionary: first))
        #expect(NSDictionary(dictionary: sameNative) == NSDictionary(dictionary: firstNative))
        try test.database.write { db in
            try db.execute(sql: "UPDATE media SET album_id = NULL, title = 'Renamed', visibility = 'link'")
        }
        let (after, afterNative) = try listings()
        #expect(after["album_id"] is NSNull)
        #expect((after["blob_url"] as? String)?.contains("/i/") == true)
        #expect(afterNative["title"] as? String == "Renamed")
        #expect(afterNative["created_at"] as? String == firstNative["created_at"] as? String)
    }

    /// Whole listings are kept until the owner's media move (`KeptListing`): every path that
    /// changes a row shows at once — another process's connection (the CLI), an album deleted
    /// (its `ON DELETE SET NULL`), an upload through another dialect, a deletion — and another
    /// user's changes leave this user's kept answer alone.
    @Test func keptListingsFollowEveryChangeWhoeverMakesIt() throws {
        let album = try object(call("POST", "/api/albums", #"{"name":"Kept"}"#))["id"] as? String ?? ""
        let first = try upload(album: album)
        let listing = call("GET", "/api/photos")
        #expect(call("GET", "/api/photos").body == listing.body)
        _ = try upload(as: bob)
        #expect(call("GET", "/api/photos").body == listing.body)

        // Another process: its own connections on the same file.
        let other = try AppDatabase(path: test.directory + "/albumen.sqlite")
        try other.write { db in try db.execute(sql: "UPDATE media SET original_filename = 'other.jpg'") }
        #expect(try array(call("GET", "/api/photos")).first?["file_name"] as? String == "other.jpg")

        #expect(call("DELETE", "/api/albums", #"{"id":"\#(album)"}"#).status == .ok)
        #expect(try array(call("GET", "/api/photos")).first?["album_id"] is NSNull)

        let key = try test.accounts.createAccessKey(.apiKey, for: "alice")
        let native = try test.postMultipart(
            "/api/media", files: [("file", "second.jpg", photo)], headers: [("X-API-Key", key)])
        #expect(native.status == Status.created)
        #expect(try array(call("GET", "/api/photos")).count == 2)

        #expect(call("DELETE", "/api/photos/delete", #"{"id":"\#(first["id"] as? String ?? "")"}"#).status == .ok)
        #expect(try array(call("GET", "/api/photos")).map { $0["file_name"] as? String } == ["second.jpg"])
    }
}
