import AlbumCore
import HTTP

/// Seed 000's objects on the wire, written by `JSONWriter` with their keys in sorted order (as
/// `JSON.encoder` sorts them), `null` where the seed shows a null and absent where it says
/// absent.
enum SharedAlbumsWire {
    /// `AlbumContent` (+ `remainingViews` for a recipient: `AlbumContentWithRemainingViews`).
    struct Content: JSONWritable {
        let contentId: Int64
        let contentType: String
        /// Blurred preview; null once the share has run out.
        let coverUrl: String?
        let processing: Bool
        let thumbUrl: String
        /// `""` when the recipient has no views left of it.
        let url: String
        let remainingViews: Int?

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("contentId")
                json.int(contentId)
                json.key("contentType")
                json.string(contentType)
                json.key("coverUrl")
                json.string(coverUrl)
                json.key("processing")
                json.bool(processing)
                json.key("rejectionId")
                json.null()
                if let remainingViews {
                    json.key("remainingViews")
                    json.int(remainingViews)
                }
                json.key("statusId")
                json.int(1)
                json.key("thumbUrl")
                json.string(thumbUrl)
                json.key("url")
                json.string(url)
            }
        }
    }

    /// `AlbumContentMin`: what a recipient sees of an album before opening it.
    struct ContentMin: JSONWritable {
        let contentId: Int64
        let contentType: String
        let coverUrl: String?

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("contentId")
                json.int(contentId)
                json.key("contentType")
                json.string(contentType)
                json.key("coverUrl")
                json.string(coverUrl)
                json.key("statusId")
                json.int(1)
            }
        }
    }

    /// `MyAlbum`: one of the caller's own albums.
    struct MyAlbum: JSONWritable {
        let albumId: Int64
        let albumName: String?
        let profileId: Int64
        let version: Int
        let content: Content?
        let isShareable: Bool
        let sharedCount: Int
        let createdAt: String
        let updatedAt: String

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("albumId")
                json.int(albumId)
                json.key("albumName")
                json.string(albumName)
                json.key("content")
                if let content { content.write(to: &json) } else { json.null() }
                json.key("createdAt")
                json.string(createdAt)
                json.key("isShareable")
                json.bool(isShareable)
                json.key("profileId")
                json.int(profileId)
                json.key("sharedCount")
                json.int(sharedCount)
                json.key("updatedAt")
                json.string(updatedAt)
                json.key("version")
                json.int(version)
            }
        }
    }

    /// `AlbumPreview` + `AlbumMin`'s fields: how an album is numbered among those shared.
    struct Preview {
        let albumId: Int64
        /// 1-based among the albums counted, and their count; null once the share has run out.
        let albumNumber: Int?
        let totalAlbumsShared: Int?
        let hasUnseenContent: Bool
        let albumName: String?
        let profileId: Int64
        let albumViewable: Bool
    }

    /// `AlbumDetailsResponse`: `GET /v2/albums/{albumId}`.
    struct Details: JSONWritable {
        let preview: Preview
        let sharedCount: Int
        let createdAt: String
        let updatedAt: String
        let content: [Content]

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("albumId")
                json.int(preview.albumId)
                json.key("albumName")
                json.string(preview.albumName)
                json.key("albumNumber")
                json.int(preview.albumNumber)
                json.key("albumViewable")
                json.bool(preview.albumViewable)
                json.key("content")
                json.array(content) { json, item in item.write(to: &json) }
                json.key("createdAt")
                json.string(createdAt)
                json.key("hasUnseenContent")
                json.bool(preview.hasUnseenContent)
                json.key("profileId")
                json.int(preview.profileId)
                json.key("sharedCount")
                json.int(sharedCount)
                json.key("totalAlbumsShared")
                json.int(preview.totalAlbumsShared)
                json.key("updatedAt")
                json.string(updatedAt)
            }
        }
    }

    /// An album a profile shares with me (`GET /v2/albums/shares/{profileId}`): `AlbumMin`,
    /// `AlbumExpiration`, one blurred `content` and its counts.
    struct SharedByProfile: JSONWritable {
        let preview: Preview
        let expiresAt: Int64?
        let expirationType: String
        let content: ContentMin?
        let imageCount: Int
        let videoCount: Int

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("albumId")
                json.int(preview.albumId)
                json.key("albumName")
                json.string(preview.albumName)
                json.key("albumNumber")
                json.int(preview.albumNumber)
                json.key("albumViewable")
                json.bool(preview.albumViewable)
                json.key("content")
                if let content { content.write(to: &json) } else { json.null() }
                json.key("contentCount")
                json.object { json in
                    json.key("imageCount")
                    json.int(imageCount)
                    json.key("videoCount")
                    json.int(videoCount)
                }
                json.key("expirationType")
                json.string(expirationType)
                json.key("expiresAt")
                json.int(expiresAt)
                json.key("hasUnseenContent")
                json.bool(preview.hasUnseenContent)
                json.key("profileId")
                json.int(preview.profileId)
                json.key("totalAlbumsShared")
                json.int(preview.totalAlbumsShared)
            }
        }
    }

    /// `PressieProfileMini`: a profile as the feed shows it.
    struct Profile: JSONWritable {
        let profileId: Int64
        let name: String

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("distanceKm")
                json.null()
                json.key("name")
                json.string(name)
                json.key("onlineUntil")
                json.null()
                json.key("profileId")
                json.int(profileId)
                json.key("profileUrl")
                json.null()
            }
        }
    }

    /// One entry of the feed's `sharedAlbums`.
    struct FeedAlbum: JSONWritable {
        let preview: Preview
        let albumVersion: Int
        let expiresAt: Int64?
        let imageCount: Int
        let videoCount: Int
        let cover: (id: Int64, contentType: String, url: String?)?
        let profile: Profile

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("albumId")
                json.int(preview.albumId)
                json.key("albumNumber")
                json.int(preview.albumNumber)
                json.key("albumVersion")
                json.int(albumVersion)
                json.key("albumViewable")
                json.bool(preview.albumViewable)
                json.key("coverContent")
                if let cover {
                    json.object { json in
                        json.key("contentType")
                        json.string(cover.contentType)
                        json.key("coverContent")
                        json.string(cover.url)
                        json.key("id")
                        json.int(cover.id)
                        json.key("status")
                        json.string("ACTIVE")
                    }
                } else {
                    json.null()
                }
                json.key("expiresAt")
                json.int(expiresAt)
                json.key("expiresat")
                json.int(expiresAt)
                json.key("hasUnseenContent")
                json.bool(preview.hasUnseenContent)
                json.key("imageCount")
                json.int(imageCount)
                json.key("name")
                json.string(preview.albumName)
                json.key("ownerProfileId")
                json.int(preview.profileId)
                json.key("profile")
                profile.write(to: &json)
                json.key("totalAlbumsShared")
                json.int(preview.totalAlbumsShared)
                json.key("videoCount")
                json.int(videoCount)
            }
        }
    }
}
