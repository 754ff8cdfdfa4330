/// Takes out of an image file the metadata that can locate or identify its maker (EXIF with its
/// GPS position and camera serial numbers, XMP, IPTC, comments, maker notes, embedded previews)
/// without decoding or re-encoding the picture: what a share or a link serves as the
/// "original". The compressed picture data is copied byte for byte, so it decodes to the same
/// pixels; colour (ICC, Adobe) and the EXIF orientation, which say how to show those pixels,
/// are kept. Reads hostile bytes (uploads), so every length is checked (and fuzzed).
public enum MetadataStrip {
    /// The formats this strips in place; others are served as a stripped re-encoding.
    public static let formats: Set<String> = ["jpg", "png", "webp"]

    /// `bytes` of a file stored with extension `ext` (`jpg`, `png`, `webp`) without metadata.
    public static func strip(_ bytes: [UInt8], ext: String) throws -> [UInt8] {
        switch ext {
        case "jpg": try jpeg(bytes)
        case "png": try png(bytes)
        case "webp": try webp(bytes)
        default: throw MediaError.invalid("no metadata stripping for .\(ext)")
        }
    }

    // MARK: JPEG

    /// Segments kept: APP0 (JFIF), APP2 holding an ICC profile, APP14 (Adobe: how to read the
    /// colour channels), and everything that is not APPn or COM. Dropped: APP1 (EXIF, XMP),
    /// APP13 (IPTC), other APPn (maker data, MPF previews), COM, and anything after EOI
    /// (previews and trailers some cameras append). An orientation other than 1 comes back as
    /// a minimal EXIF segment holding only it.
    public static func jpeg(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw MediaError.invalid("not a JPEG") }
        var output: [UInt8] = [0xFF, 0xD8]
        output.reserveCapacity(bytes.count)
        var orientation: UInt16 = 1
        var pendingOrientation = true  // written once, after APP0 when there is one
        var position = 2
        func insertOrientation() {
            guard pendingOrientation else { return }
            pendingOrientation = false
            if orientation != 1 { output += exifOrientation(orientation) }
        }
        while position < bytes.count {
            guard bytes[position] == 0xFF else { throw MediaError.invalid("JPEG: marker expected") }
            var marker = position + 1
            while marker < bytes.count && bytes[marker] == 0xFF { marker += 1 }  // fill bytes
            guard marker < bytes.count else { break }
            let code = bytes[marker]
            position = marker + 1
            // `FF 00` is a stuffed byte inside a scan, never a marker: outside one, the file is
            // broken (and copying it as a marker would change how a second reading sees it).
            guard code != 0x00 else { throw MediaError.invalid("JPEG: stuffed byte outside a scan") }
            if code == 0xD9 {  // EOI: the picture ends; drop whatever follows
                insertOrientation()
                output += [0xFF, 0xD9]
                return output
            }
            if (0xD0...0xD7).contains(code) || code == 0x01 {  // standalone markers
                output += [0xFF, code]
                continue
            }
            guard position + 2 <= bytes.count else { throw MediaError.invalid("JPEG: truncated segment") }
            let length = Int(bytes[position]) << 8 | Int(bytes[position + 1])
            guard length >= 2, position + length <= bytes.count else { throw MediaError.invalid("JPEG: bad length") }
            let payload = bytes[(position + 2)..<(position + length)]
            let isApp = (0xE0...0xEF).contains(code)
            if code == 0xE1, let found = Self.orientation(exif: payload) { orientation = found }
            let keep =
                !isApp && code != 0xFE || code == 0xE0 || code == 0xEE
                || (code == 0xE2 && payload.starts(with: Array("ICC_PROFILE\0".utf8)))
            if code != 0xE0 && !isApp { insertOrientation() }
            if keep {
                output += [0xFF, code]
                output += bytes[position..<(position + length)]
            }
            position += length
            if code == 0xDA {  // SOS: entropy-coded data runs to the next real marker
                let start = position
                while position + 1 < bytes.count {
                    if bytes[position] == 0xFF, bytes[position + 1] != 0, !(0xD0...0xD7).contains(bytes[position + 1]) {
                        break
                    }
                    position += 1
                }
                if position + 1 >= bytes.count { position = bytes.count }
                output += bytes[start..<position]
            }
        }
        throw MediaError.invalid("JPEG: no end of image")
    }

    /// The orientation (tag 0x0112 of IFD0) in an APP1 payload that starts `Exif\0\0`.
    static func orientation(exif payload: ArraySlice<UInt8>) -> UInt16? {
        let bytes = Array(payload)
        guard bytes.count >= 14, bytes.starts(with: Array("Exif\0\0".utf8)) else { return nil }
        let tiff = 6
        let bigEndian: Bool
        switch (bytes[tiff], bytes[tiff + 1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return bigEndian ? Int(bytes[at]) << 8 | Int(bytes[at + 1]) : Int(bytes[at + 1]) << 8 | Int(bytes[at])
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(bigEndian ? at : at + 2), let low = u16(bigEndian ? at + 2 : at) else { return nil }
            return high << 16 | low
        }
        guard let offset = u32(tiff + 4), offset < bytes.count, let count = u16(tiff + offset) else { return nil }
        for index in 0..<min(count, 1000) {
            let entry = tiff + offset + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112, u16(entry + 2) == 3, let value = u16(entry + 8), (1...8).contains(value) {
                return UInt16(value)
            }
        }
        return nil
    }

    /// An APP1 segment whose EXIF holds one entry: the orientation.
    static func exifOrientation(_ orientation: UInt16) -> [UInt8] {
        let body: [UInt8] =
            Array("Exif\0\0".utf8) + [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]  // big-endian TIFF, IFD0 at 8
            + [0x00, 0x01]  // one entry
            + [
                0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0,
                0,
            ]
            + [0x00, 0x00, 0x00, 0x00]  // no next IFD
        let length = body.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    // MARK: PNG

    /// Chunks dropped: eXIf, tEXt, zTXt, iTXt (XMP lives in iTXt) and tIME; everything up to
    /// IEND otherwise kept as it was, CRCs included.
    public static func png(_ bytes: [UInt8]) throws -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.starts(with: signature) else { throw MediaError.invalid("not a PNG") }
        let dropped: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]
        var output = signature
        output.reserveCapacity(bytes.count)
        var position = 8
        while position + 12 <= bytes.count {
            let length =
                Int(bytes[position]) << 24 | Int(bytes[position + 1]) << 16 | Int(bytes[position + 2]) << 8
                | Int(bytes[position + 3])
            let end = position + 12 + length
            guard length >= 0, end <= bytes.count else { throw MediaError.invalid("PNG: bad chunk length") }
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            if !dropped.contains(type) { output += bytes[position..<end] }
            position = end
            if type == "IEND" { return output }
        }
        throw MediaError.invalid("PNG: no IEND")
    }

    // MARK: WebP

    /// RIFF chunks `EXIF` and `XMP ` dropped and their flags cleared in `VP8X`; the RIFF size
    /// written again.
    public static func webp(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)),
            Array(bytes[8..<12]) == Array("WEBP".utf8)
        else { throw MediaError.invalid("not a WebP") }
        var output: [UInt8] = Array(bytes[0..<12])
        output.reserveCapacity(bytes.count)
        var position = 12
        var pictures = 0
        while position + 8 <= bytes.count {
            let size =
                Int(bytes[position + 4]) | Int(bytes[position + 5]) << 8 | Int(bytes[position + 6]) << 16
                | Int(bytes[position + 7]) << 24
            let end = position + 8 + size + (size & 1)
            guard end <= bytes.count || position + 8 + size == bytes.count else {
                throw MediaError.invalid("WebP: bad chunk size")
            }
            let type = String(decoding: bytes[(position)..<(position + 4)], as: UTF8.self)
            let chunkEnd = min(end, bytes.count)
            if ["VP8 ", "VP8L", "ANMF"].contains(type) { pictures += 1 }
            if type != "EXIF" && type != "XMP " {
                let start = output.count
                output += bytes[position..<chunkEnd]
                if type == "VP8X" && size >= 1 { output[start + 8] &= ~UInt8(0x08 | 0x04) }
            }
            position = chunkEnd
        }
        guard position == bytes.count, pictures > 0 else { throw MediaError.invalid("WebP: truncated") }
        let riff = output.count - 8
        output[4] = UInt8(riff & 0xFF)
        output[5] = UInt8(riff >> 8 & 0xFF)
        output[6] = UInt8(riff >> 16 & 0xFF)
        output[7] = UInt8(riff >> 24 & 0xFF)
        return output
    }
}
