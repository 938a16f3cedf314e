/* secret: master key loading and derivation, secretbox encryption of stored personal data,
 * keyed hashes for searching it, and random tokens. The derived keys live in this file's
 * statics, written only by secret_init()/secret_release() and read-only afterwards. */
#include "core/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xmalloc.h"

#define KEY_HEX_LEN (2 * crypto_kdf_KEYBYTES)
#define KEY_FILE_MAX 256 /* a key file is 65 bytes; anything much larger is the wrong file */
#define KDF_CONTEXT "jicengv1"
#define SUBKEY_BOX 1
#define SUBKEY_HASH 2
/* URL-safe so the text can travel in URLs and CSV cells unchanged; no padding to keep it short. */
#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

static unsigned char box_key[crypto_secretbox_KEYBYTES];
static unsigned char hash_key[crypto_generichash_KEYBYTES];
static int keys_loaded;

/* sodium_init() is idempotent and thread-safe; it fails only without a usable entropy
 * source, and then nothing here can be done safely. */
static void need_sodium(void)
{
	if (sodium_init() < 0) {
		fputs("jiceng: libsodium cannot initialise (no entropy source?)\n", stderr);
		abort();
	}
}

static void set_errno_msg(struct buf *err, const char *what, const char *path, int e)
{
	char tmp[128];

	buf_setf(err, "%s %s：%s", what, path, strerror_r(e, tmp, sizeof(tmp)));
}

/* Decodes exactly 64 hex digits (trailing white space ignored) into `key`; 0 on success. */
static int parse_key_hex(const char *text, size_t len, unsigned char key[crypto_kdf_KEYBYTES])
{
	const char *end = NULL;
	size_t bin_len = 0;
	int ret = -1;

	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
		       text[len - 1] == '\t'))
		len--;
	if (len != KEY_HEX_LEN)
		goto out;
	if (sodium_hex2bin(key, crypto_kdf_KEYBYTES, text, len, NULL, &bin_len, &end) ||
	    bin_len != crypto_kdf_KEYBYTES || end != text + len)
		goto out;
	ret = 0;
out:
	return ret;
}

/* Reads the master key from `path`; 0 on success, -1 with a message in `err`. */
static int read_key_file(const char *path, unsigned char key[crypto_kdf_KEYBYTES],
			 struct buf *err)
{
	char text[KEY_FILE_MAX];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd = -1, ret = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_errno_msg(err, "无法打开密钥文件", path, errno);
		goto out;
	}
	if (fstat(fd, &st)) {
		set_errno_msg(err, "无法读取密钥文件", path, errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		buf_setf(err, "密钥文件 %s 不是普通文件", path);
		goto out;
	}
	if (st.st_mode & 077) {
		buf_setf(err, "密钥文件 %s 的权限过宽，其他用户可以访问；请执行 chmod 600 %s",
			 path, path);
		goto out;
	}
	while (len < sizeof(text)) {
		n = read(fd, text + len, sizeof(text) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			set_errno_msg(err, "无法读取密钥文件", path, errno);
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len == sizeof(text) || parse_key_hex(text, len, key)) {
		buf_setf(err, "密钥文件 %s 的内容应为64位十六进制数字", path);
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	sodium_memzero(text, sizeof(text));
	return ret;
}

int secret_init(const char *key_path, struct buf *err)
{
	unsigned char master[crypto_kdf_KEYBYTES];
	const char *env = getenv("JICENG_KEY");
	int ret = -1;

	need_sodium();
	if (env) {
		if (parse_key_hex(env, strlen(env), master)) {
			buf_setf(err, "环境变量 JICENG_KEY 应为64位十六进制数字");
			goto out;
		}
	} else if (!key_path) {
		buf_setf(err, "未指定密钥文件，也未设置环境变量 JICENG_KEY");
		goto out;
	} else if (read_key_file(key_path, master, err)) {
		goto out;
	}
	/* Separate keys for separate jobs, so that no output of one can help attack the other. */
	crypto_kdf_derive_from_key(box_key, sizeof(box_key), SUBKEY_BOX, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(hash_key, sizeof(hash_key), SUBKEY_HASH, KDF_CONTEXT, master);
	keys_loaded = 1;
	ret = 0;
out:
	sodium_memzero(master, sizeof(master));
	return ret;
}

void secret_release(void)
{
	keys_loaded = 0;
	sodium_memzero(box_key, sizeof(box_key));
	sodium_memzero(hash_key, sizeof(hash_key));
}

static int write_all(int fd, const char *p, size_t len)
{
	ssize_t n;
	int ret = -1;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		p += n;
		len -= (size_t)n;
	}
	ret = 0;
out:
	return ret;
}

/* Makes the new directory entry durable: a key lost in a crash after data was encrypted with
 * it would lose that data. Best effort, since some file systems refuse fsync on directories. */
static void sync_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int secret_create_key_file(const char *key_path, struct buf *err)
{
	unsigned char key[crypto_kdf_KEYBYTES];
	char hex[KEY_HEX_LEN + 2];
	int fd = -1, created = 0, ret = -1;

	need_sodium();
	/* O_EXCL: never overwrite a key (that would make every stored value unreadable), and
	 * of two processes starting at once exactly one creates the file. */
	fd = open(key_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		ret = 0;
		goto out;
	}
	if (fd < 0) {
		set_errno_msg(err, "无法创建密钥文件", key_path, errno);
		goto out;
	}
	created = 1;
	crypto_kdf_keygen(key);
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	hex[KEY_HEX_LEN] = '\n';
	if (write_all(fd, hex, KEY_HEX_LEN + 1) || fsync(fd)) {
		set_errno_msg(err, "无法写入密钥文件", key_path, errno);
		goto out;
	}
	if (close(fd)) {
		fd = -1;
		set_errno_msg(err, "无法写入密钥文件", key_path, errno);
		goto out;
	}
	fd = -1;
	sync_parent_dir(key_path);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	/* A half-written key file would block the next start; better to have none. */
	if (ret && created)
		unlink(key_path);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	return ret;
}

int secret_encrypt(const char *plain, struct buf *out)
{
	size_t plen = strlen(plain);
	size_t clen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plen;
	size_t b64len = sodium_base64_ENCODED_LEN(clen, B64_VARIANT);
	unsigned char *c = NULL;
	char *b64 = NULL;
	int ret = -1;

	if (!keys_loaded || out->err)
		goto out;
	c = xmalloc(clen);
	b64 = xmalloc(b64len);
	/* Random 192-bit nonces cannot realistically repeat, so no counter has to be kept. */
	randombytes_buf(c, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(c + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, plen,
			      c, box_key);
	sodium_bin2base64(b64, b64len, c, clen, B64_VARIANT);
	buf_adds(out, b64);
	ret = out->err ? -1 : 0;
out:
	free(c);
	free(b64);
	return ret;
}

int secret_decrypt(const char *b64, struct buf *out)
{
	size_t b64len = strlen(b64);
	size_t cmax = b64len / 4 * 3 + 3, clen = 0, mlen = 0;
	unsigned char *c = NULL, *m = NULL;
	const char *end = NULL;
	int ret = -1;

	if (!keys_loaded || out->err)
		goto out;
	c = xmalloc(cmax);
	if (sodium_base642bin(c, cmax, b64, b64len, NULL, &clen, &end, B64_VARIANT) ||
	    end != b64 + b64len)
		goto out;
	if (clen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		goto out;
	mlen = clen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	m = xmalloc(mlen + 1);
	if (crypto_secretbox_open_easy(m, c + crypto_secretbox_NONCEBYTES,
				       clen - crypto_secretbox_NONCEBYTES, c, box_key))
		goto out;
	buf_add(out, m, mlen);
	ret = out->err ? -1 : 0;
out:
	if (m) {
		sodium_memzero(m, mlen + 1);
		free(m);
	}
	free(c);
	return ret;
}

static void to_hex(const unsigned char *h, size_t n, char *out_hex)
{
	sodium_bin2hex(out_hex, 2 * n + 1, h, n);
}

void secret_hash(const char *plain, char out_hex[SECRET_HASH_HEX_SIZE])
{
	unsigned char h[32];

	if (!keys_loaded) {
		fputs("jiceng: secret_hash() called before secret_init()\n", stderr);
		abort();
	}
	crypto_generichash(h, sizeof(h), (const unsigned char *)plain, strlen(plain), hash_key,
			   sizeof(hash_key));
	to_hex(h, sizeof(h), out_hex);
}

void secret_random_token(char out[SECRET_TOKEN_SIZE])
{
	unsigned char r[32];

	need_sodium();
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(out, SECRET_TOKEN_SIZE, r, sizeof(r), B64_VARIANT);
	sodium_memzero(r, sizeof(r));
}

void secret_token_hash(const char *token, char out_hex[SECRET_HASH_HEX_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	need_sodium();
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	to_hex(h, sizeof(h), out_hex);
}
