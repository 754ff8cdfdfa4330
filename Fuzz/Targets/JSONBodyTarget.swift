import Foundation

@testable import Media
@testable import Site

/// The JSON bodies of every dialect (today the WebAPI's; the lenient reading means any input
/// gives a body, never a crash) and ffprobe's report, whose tags come from the uploaded file.
enum JSONBodyTarget {
    static func run(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let which = input.byte() % 4
        let body = input.rest
        switch which {
        case 0:
            let album = WebAPIBody.decode(WebAPIBody.NewAlbum.self, from: body)
            _ = album.name?.value?.count
        case 1:
            let target = WebAPIBody.decode(WebAPIBody.Target.self, from: body)
            _ = target.id?.value?.count
        case 2:
            let move = WebAPIBody.decode(WebAPIBody.Move.self, from: body)
            _ = (move.id?.value?.count, move.albumId?.value?.count)
        default:
            if let info = try? VideoProbe.info(fromReport: Data(body)) {
                require(info.width > 0 && info.height > 0, "a video without a size: \(info)")
            }
        }
    }
}
