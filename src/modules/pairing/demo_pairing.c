#include "modules/pairing/pairing.h"

int pairing_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	return 0;
}
