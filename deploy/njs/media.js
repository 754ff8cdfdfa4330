// Signed media URLs checked by nginx itself (the njs module), so a fetch of a private thumbnail
// costs what a static file costs. The same rule as Albumen's MediaSigner: the signature is the
// first 16 bytes of HMAC-SHA256(key "albumen-media-v1:<secret>", "<path>\n<Expires>"), in
// base64url without padding. Only a valid, unexpired URL without `download` is answered here;
// anything else (tampered, expired, missing, a derivative not made yet) goes to Albumen, which
// answers exactly as it always has. The key comes from nginx.conf ($albumen_media_key).
// On object storage a valid URL goes straight to the bucket's cached location (`s3Target`).
import crypto from 'crypto';

// A signature as Albumen writes it: 16 bytes in base64url, so its last character carries two
// bits and four zeros. Anything else (padding, another alphabet, stray bits) is Albumen's to refuse.
const CANONICAL = /^[A-Za-z0-9_-]{21}[AQgw]$/;

function verdict(r) {
    const args = r.args;
    const expires = args.Expires;
    const signature = args.Signature;
    // The signature binds the exact text of Expires, and Albumen signs only digits.
    if (typeof expires !== 'string' || typeof signature !== 'string' || args.download !== undefined
        || !(Number(expires) >= Date.now() / 1000) || !CANONICAL.test(signature)) {
        return '';
    }
    const mac = crypto.createHmac('sha256', r.variables.albumen_media_key).update(r.uri + '\n' + expires).digest();
    const sent = Buffer.from(signature, 'base64url');
    // Compared in constant time, four 32-bit words at once: a character at a time in njs's
    // interpreter cost as much as the HMAC itself.
    const difference = (mac.readInt32LE(0) ^ sent.readInt32LE(0)) | (mac.readInt32LE(4) ^ sent.readInt32LE(4))
        | (mac.readInt32LE(8) ^ sent.readInt32LE(8)) | (mac.readInt32LE(12) ^ sent.readInt32LE(12));
    return difference === 0 ? 'valid' : '';
}

// On object storage: the bucket URL nginx's /_s3/ location fetches with, presigned here (SigV4,
// the same as Albumen's S3Client: dated to the minute, valid 360 s, only `host` signed), so a
// file already in nginx's cache is sent without asking Albumen at all. The bucket's settings
// come from nginx.conf ($albumen_s3_*).
function s3Target(r) {
    const v = r.variables;
    const file = v.albumen_file;
    const key = file.slice(0, 2) + '/' + file.slice(2, 4) + '/' + file;
    const minute = new Date(Math.floor(Date.now() / 60000) * 60000).toISOString();
    const stamp = minute.slice(0, 4) + minute.slice(5, 7) + minute.slice(8, 13) + minute.slice(14, 16) + '00Z';
    const day = stamp.slice(0, 8);
    const scope = day + '/' + v.albumen_s3_region + '/s3/aws4_request';
    const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=' + encode(v.albumen_s3_access_key + '/' + scope)
        + '&X-Amz-Date=' + stamp + '&X-Amz-Expires=360&X-Amz-SignedHeaders=host';
    const canonical = 'GET\n/' + v.albumen_s3_bucket + '/' + key + '\n' + query + '\nhost:' + v.albumen_s3_host
        + '\n\nhost\nUNSIGNED-PAYLOAD';
    const toSign = 'AWS4-HMAC-SHA256\n' + stamp + '\n' + scope + '\n'
        + crypto.createHash('sha256').update(canonical).digest('hex');
    let signing = crypto.createHmac('sha256', 'AWS4' + v.albumen_s3_secret_key).update(day).digest();
    const parts = [v.albumen_s3_region, 's3', 'aws4_request'];
    for (let i = 0; i < parts.length; i++) {
        signing = crypto.createHmac('sha256', signing).update(parts[i]).digest();
    }
    return '/_s3n/' + key + '?' + query + '&X-Amz-Signature='
        + crypto.createHmac('sha256', signing).update(toSign).digest('hex');
}

// RFC 3986: only unreserved characters stay as they are (SigV4's rule).
function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export default { verdict, s3Target };
