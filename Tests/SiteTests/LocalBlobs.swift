import AlbumCore

extension Library {
    /// The tests' libraries keep their blobs on local disk, where a test may look at the files.
    var localBlobs: LocalBlobStore { blobs as! LocalBlobStore }
}
