/* demo_party: placeholder */
#include "modules/party/party.h"

int party_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	return 0;
}
