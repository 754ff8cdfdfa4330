import AlbumCore
import Foundation
import HTTP

/// `AddPictures` and `AddFreePictures`: base64 images in a JSON body, each through the same
/// ingest as every upload (sniffed, probed, deduplicated, plan-checked). A picture that fails
/// is named in the answer and the others are kept; when none is taken, the first failure is
/// the answer.
extension Pictures {
    /// At most this many pictures in one request.
    static let picturesPerRequest = 100

    /// `POST …/AddPictures` `{AlbumID, Pictures:[{Title, Description, Image}]}`: into one of
    /// the acting user's albums (the items take its visibility).
    func addPictures(_ context: Context, _ user: User) throws -> Response {
        let body = try PicturesBody.read(context, limit: maxUpload)
        let owner = try actor(context, user, memberId: try memberId(context, body))
        let album = try ownAlbum(body, ownerId: owner.id ?? 0)
        return try add(body, owner: owner, album: album, context)
    }

    /// `POST …/AddFreePictures` `{Pictures:[{Title, Description, Image}]}`: public items in no
    /// album, the free gallery.
    func addFreePictures(_ context: Context, _ user: User) throws -> Response {
        let body = try PicturesBody.read(context, limit: maxUpload)
        let owner = try actor(context, user, memberId: try memberId(context, body))
        return try add(body, owner: owner, album: nil, context)
    }

    /// → `AddPicturesResult` `{AlbumID, PictureIDs, Failures:[{Index, Title, Message}]}`.
    private func add(_ body: PicturesBody, owner: User, album: Album?, _ context: Context) throws -> Response {
        guard let pictures = try body.objects("Pictures"), !pictures.isEmpty else {
            throw HTTPError(.badRequest, "Pictures is required: a list of {Title, Description, Image}.")
        }
        guard pictures.count <= Self.picturesPerRequest else {
            throw HTTPError(.badRequest, "At most \(Self.picturesPerRequest) pictures in one request.")
        }
        guard let scratch = context.request.scratch else {
            throw HTTPError(.internalServerError, "No scratch space for uploads.")
        }
        var added: [Int64] = []
        var failures: [(index: Int, title: String, problem: Problem)] = []
        for (index, picture) in pictures.enumerated() {
            let title = (try? picture.string("Title")) ?? nil
            do {
                added.append(try add(picture, owner: owner, album: album, scratch: scratch, context))
            } catch {
                let problem = Problem.from(error, logger: context.services.logger, requestId: context.request.id)
                failures.append((index, title ?? "", problem))
            }
        }
        if added.isEmpty, var first = failures.first?.problem {
            first.message = Self.naming(failures[0].index, failures[0].title) + first.message
            throw PicturesRefusal(problem: first)
        }
        let result = DataContract.Object(
            type: "AddPicturesResult",
            members: [
                ("AlbumID", .int(album?.id)),
                ("PictureIDs", .ints(added)),
                (
                    "Failures",
                    .objects(
                        type: "PictureFailure",
                        failures.map { failure in
                            DataContract.Object(
                                type: "PictureFailure",
                                members: [
                                    ("Index", .int(Int64(failure.index))), ("Title", .string(failure.title)),
                                    ("Message", .string(failure.problem.message)),
                                ])
                        })
                ),
            ])
        return try Self.answer(.object(result), context)
    }

    /// One picture into the library; its id.
    private func add(_ picture: PicturesBody, owner: User, album: Album?, scratch: ScratchSpace, _ context: Context)
        throws -> Int64
    {
        guard let image = try picture.string("Image"), !image.isEmpty else {
            throw HTTPError(.badRequest, "Image is required: the picture's bytes in base64.")
        }
        let path = try scratch.makeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard try Base64File.write(image, to: path) else { throw HTTPError(.badRequest, "Image is not valid base64.") }
        let title = try picture.string("Title")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var request = ImportRequest(ownerId: owner.id ?? 0, file: path, originalFilename: title)
        request.albumId = album?.id
        request.title = title
        request.description = try picture.string("Description") ?? ""
        request.visibility = album == nil ? .public : nil
        request.uploaderIp = context.request.remoteAddress
        if owner.id != context.user?.id { request.addedBy = context.user?.id }
        guard let id = try library.importMedia(request).item.id else { throw LibraryError.mediaNotFound }
        return id
    }

    /// "Picture 2 (Sunset): " — which one failed, counted from 1 as people count.
    static func naming(_ index: Int, _ title: String) -> String {
        "Picture \(index + 1)" + (title.isEmpty ? "" : " (\(title))") + ": "
    }

    /// A refusal already worded for this dialect.
    struct PicturesRefusal: DialectError {
        let problem: Problem
    }
}
