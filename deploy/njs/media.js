// Signed media URLs checked by nginx itself (the njs module), so a fetch of a private thumbnail
// costs what a static file costs. The same rule as Albumen's MediaSigner: the signature is the
// first 16 bytes of HMAC-SHA256(key "albumen-media-v1:<secret>", "<path>\n<Expires>"), in
// base64url without padding. Only a valid, unexpired URL without `download` is answered here;
// anything else (tampered, expired, missing, a derivative not made yet) goes to Albumen, which
// answers exactly as it always has. The key comes from nginx.conf ($albumen_media_key).
import crypto from 'crypto';

function verdict(r) {
    const expires = r.args.Expires;
    const signature = r.args.Signature;
    if (typeof expires !== 'string' || typeof signature !== 'string' || r.args.download !== undefined) {
        return '';
    }
    if (!/^[0-9]{1,12}$/.test(expires) || Number(expires) < Date.now() / 1000) {
        return '';
    }
    const mac = crypto.createHmac('sha256', r.variables.albumen_media_key)
        .update(r.uri + '\n' + expires).digest().slice(0, 16).toString('base64url');
    if (mac.length !== signature.length) {
        return '';
    }
    let difference = 0;
    for (let i = 0; i < mac.length; i++) {
        difference |= mac.charCodeAt(i) ^ signature.charCodeAt(i);
    }
    return difference === 0 ? 'valid' : '';
}

export default { verdict };
