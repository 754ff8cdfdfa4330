import AlbumCore
import HTTP

/// A list too long to hold or keep, written as it is read: the WebAPI's every photo of a large
/// library. Beside `Kept.jsonList`, which answers a list whole and keeps it.
enum StreamedList {
    /// A JSON array of every entry `run` reads: `run` is given the last item of the run before
    /// (nil at first) and answers the next run, empty at the end. Nothing is kept — neither the
    /// answer nor its rows — so memory stays flat however long the list is.
    static func json<T: JSONWritable>(
        run: @escaping @Sendable (MediaItem?) throws -> [MediaEntry],
        object: @escaping @Sendable (MediaEntry) -> T
    ) -> Response {
        .streamed(headers: Response.json(bytes: []).headers) { send in
            var last: MediaItem?
            var first = true
            repeat {
                let entries = try run(last)
                guard !entries.isEmpty else { break }
                var bytes: [UInt8] = first ? [UInt8(ascii: "[")] : []
                bytes.reserveCapacity(entries.count * 600)
                for entry in entries {
                    if !first { bytes.append(UInt8(ascii: ",")) }
                    first = false
                    bytes += JSONWriter.bytes(of: object(entry))
                }
                try send(bytes)
                last = entries.last?.item
            } while true
            try send(first ? Array("[]".utf8) : [UInt8(ascii: "]")])
        }
    }
}
