import CVips

/// libvips is initialised once per process, before any image work.
public enum Vips {
    private static let started: Bool = albumen_vips_init("albumen") == 0

    /// Starts libvips (idempotent) and answers its version, e.g. "8.14.1".
    public static func start() throws -> String {
        guard started else { throw MediaError.vipsUnavailable }
        return "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }
}
