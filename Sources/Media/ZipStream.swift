import CZlib
import Foundation

/// A ZIP archive written front to back while it is sent: no temporary copy, memory flat for
/// any size (one read buffer). Entries are stored, not deflated: photos and videos are
/// compressed already, and the originals go out byte for byte. Each entry's CRC-32 is known
/// only after its bytes have passed, so it follows them in a data descriptor (flag bit 3);
/// the central directory at the end repeats everything, which is what unzip tools read.
/// ZIP64 structures appear only where a size or offset needs them (past 4 GB, or 65535
/// entries), so small archives stay plain ZIP that any tool opens.
public struct ZipStream: Sendable {
    public struct Entry: Sendable {
        /// The name inside the archive (UTF-8, flag bit 11).
        public let name: String
        public let path: String
        public let size: Int64
        public let modified: Date
        /// When set, the bytes are not on local disk: this writes them to `path` just before
        /// they are sent (a download from object storage), and the copy is removed after.
        public let fetch: (@Sendable (String) throws -> Void)?

        public init(
            name: String, path: String, size: Int64, modified: Date, fetch: (@Sendable (String) throws -> Void)? = nil
        ) {
            (self.name, self.path, self.size, self.modified, self.fetch) = (name, path, size, modified, fetch)
        }
    }

    /// Sizes and offsets at or above this use ZIP64 fields; tests lower it to check those
    /// structures without writing 4 GB.
    let limit: Int64
    let chunkSize: Int

    public init(zip64Above limit: Int64 = 0xFFFF_FFFF, chunkSize: Int = 1 << 20) {
        self.limit = limit
        self.chunkSize = chunkSize
    }

    /// How many bytes `write(entries:)` sends for these entries (a `Content-Length` before
    /// the first byte).
    public func length(of entries: [Entry]) -> Int64 {
        var offset: Int64 = 0
        var directory: Int64 = 0
        for entry in entries {
            let name = Int64(entry.name.utf8.count)
            let big = entry.size >= limit
            let localOffset = offset
            offset += 30 + name + (big ? 20 : 0) + entry.size + (big ? 24 : 16)
            directory += 46 + name + Int64(centralExtra(size: entry.size, offset: localOffset).count)
        }
        return offset + directory + (needsZip64End(entries.count, directory, offset) ? 56 + 20 : 0) + 22
    }

    /// Writes the archive of `entries` through `send`, reading each file in chunks. Throws if a
    /// file cannot be read or is not the size it was said to be (the archive would lie), or
    /// whatever `send` throws (the client went away).
    public func write(_ entries: [Entry], to send: ([UInt8]) throws -> Void) throws {
        var offset: Int64 = 0
        var directory: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        for entry in entries {
            let name = Array(entry.name.utf8)
            let big = entry.size >= limit
            let (time, date) = Self.dosTime(entry.modified)
            var local: [UInt8] = []
            local.le32(0x0403_4B50)
            local.le16(big ? 45 : 20)
            local.le16(Self.flags)
            local.le16(0)  // stored
            local.le16(time)
            local.le16(date)
            local.le32(0)  // CRC-32, in the descriptor
            local.le32(big ? 0xFFFF_FFFF : 0)
            local.le32(big ? 0xFFFF_FFFF : 0)
            local.le16(UInt16(name.count))
            local.le16(big ? 20 : 0)
            local += name
            if big {
                local.le16(1)
                local.le16(16)
                local.le64(0)
                local.le64(0)
            }
            try send(local)

            let crc = try copy(entry, buffer: &buffer, to: send)
            var descriptor: [UInt8] = []
            descriptor.le32(0x0807_4B50)
            descriptor.le32(crc)
            if big {
                descriptor.le64(UInt64(entry.size))
                descriptor.le64(UInt64(entry.size))
            } else {
                descriptor.le32(UInt32(entry.size))
                descriptor.le32(UInt32(entry.size))
            }
            try send(descriptor)

            let extra = centralExtra(size: entry.size, offset: offset)
            directory.le32(0x0201_4B50)
            directory.le16(0x0300 | 45)  // made by Unix, spec 4.5
            directory.le16(extra.isEmpty ? 20 : 45)
            directory.le16(Self.flags)
            directory.le16(0)
            directory.le16(time)
            directory.le16(date)
            directory.le32(crc)
            directory.le32(entry.size >= limit ? 0xFFFF_FFFF : UInt32(entry.size))
            directory.le32(entry.size >= limit ? 0xFFFF_FFFF : UInt32(entry.size))
            directory.le16(UInt16(name.count))
            directory.le16(UInt16(extra.count))
            directory.le16(0)  // comment
            directory.le16(0)  // disk
            directory.le16(0)  // internal attributes
            directory.le32(0o100644 << 16)  // a regular file, rw-r--r--
            directory.le32(offset >= limit ? 0xFFFF_FFFF : UInt32(offset))
            directory += name
            directory += extra
            // The directory is held until the end: 46 bytes and a name per entry, under a
            // megabyte for ten thousand items.
            offset += Int64(local.count) + entry.size + Int64(descriptor.count)
        }
        try send(directory)
        try send(end(count: entries.count, directorySize: Int64(directory.count), directoryOffset: offset))
    }

    /// Bit 3: CRC and sizes follow the data; bit 11: names are UTF-8.
    private static let flags: UInt16 = 0x0808

    /// The central directory's ZIP64 extra field: the sizes and the offset that overflow, in
    /// that order (APPNOTE 4.5.3); empty when none does.
    private func centralExtra(size: Int64, offset: Int64) -> [UInt8] {
        var values: [UInt64] = []
        if size >= limit { values += [UInt64(size), UInt64(size)] }
        if offset >= limit { values.append(UInt64(offset)) }
        guard !values.isEmpty else { return [] }
        var extra: [UInt8] = []
        extra.le16(1)
        extra.le16(UInt16(values.count * 8))
        for value in values { extra.le64(value) }
        return extra
    }

    private func needsZip64End(_ count: Int, _ directorySize: Int64, _ directoryOffset: Int64) -> Bool {
        count >= 0xFFFF || directorySize >= limit || directoryOffset >= limit
    }

    /// The end of central directory record, after the ZIP64 record and locator when needed.
    private func end(count: Int, directorySize: Int64, directoryOffset: Int64) -> [UInt8] {
        var end: [UInt8] = []
        let zip64 = needsZip64End(count, directorySize, directoryOffset)
        if zip64 {
            let recordOffset = directoryOffset + directorySize
            end.le32(0x0606_4B50)
            end.le64(44)  // the record's size after this field
            end.le16(0x0300 | 45)
            end.le16(45)
            end.le32(0)
            end.le32(0)
            end.le64(UInt64(count))
            end.le64(UInt64(count))
            end.le64(UInt64(directorySize))
            end.le64(UInt64(directoryOffset))
            end.le32(0x0706_4B50)
            end.le32(0)
            end.le64(UInt64(recordOffset))
            end.le32(1)
        }
        end.le32(0x0605_4B50)
        end.le16(0)
        end.le16(0)
        end.le16(zip64 ? 0xFFFF : UInt16(count))
        end.le16(zip64 ? 0xFFFF : UInt16(count))
        end.le32(zip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.le32(zip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.le16(0)
        return end
    }

    /// Sends the file's bytes in chunks; answers their CRC-32.
    private func copy(_ entry: Entry, buffer: inout [UInt8], to send: ([UInt8]) throws -> Void) throws -> UInt32 {
        if let fetch = entry.fetch { try fetch(entry.path) }
        defer { if entry.fetch != nil { unlink(entry.path) } }
        let descriptor = open(entry.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MediaError.invalid("cannot read \(entry.name)") }
        defer { close(descriptor) }
        var crc = CZlib.crc32(0, nil, 0)
        var left = entry.size
        while left > 0 {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress, Int(min(Int64(raw.count), left)))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw MediaError.invalid("\(entry.name) is shorter than it was") }
            crc = buffer.withUnsafeBufferPointer { CZlib.crc32(crc, $0.baseAddress, uInt(count)) }
            try send(Array(buffer[0..<count]))
            left -= Int64(count)
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// MS-DOS time and date (two-second resolution, 1980 to 2107) of `date`'s clock as
    /// stored: photos' dates are the camera's own, without a zone.
    static func dosTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = min(max((parts.year ?? 1980) - 1980, 0), 127)
        let time = (parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2
        let day = year << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1)
        return (UInt16(time), UInt16(day))
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(value >> UInt32(shift) & 0xFF)) }
    }
    fileprivate mutating func le64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8(value >> UInt64(shift) & 0xFF)) }
    }
}
