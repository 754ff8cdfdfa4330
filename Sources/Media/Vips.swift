import CVips
import Foundation

/// libvips: started once per process, errors read from its error buffer.
public enum Vips {
    private static let started: Bool = {
        guard albumen_vips_init("albumen") == 0 else { return false }
        vips_concurrency_set(1)  // one thread per job: the job pool, not libvips, uses the cores
        vips_cache_set_max(0)  // every file is new; caching operations only holds memory
        return true
    }()

    /// Starts libvips (idempotent) and answers its version, e.g. "8.14.1".
    @discardableResult
    public static func start() throws -> String {
        guard started else { throw MediaError.unavailable("libvips did not start") }
        return "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }

    /// Whether this libvips has a loader for files ending in `suffix` (HEIC/AVIF vary by build).
    public static func canLoad(suffix: String) -> Bool {
        guard (try? start()) != nil else { return false }
        return vips_foreign_find_load("x" + suffix) != nil
    }

    /// The message libvips left for the last failure, cleared.
    static func takeError() -> String {
        let message = String(cString: vips_error_buffer()).trimmingCharacters(in: .whitespacesAndNewlines)
        vips_error_clear()
        return message.isEmpty ? "libvips failed" : message
    }
}
