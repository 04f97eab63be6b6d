// Fuzz target for the queue image decoder (model/runs/queueimage.h): an image comes
// from the database, which may be damaged beyond what its checksums catch (a faulty
// writer seals what it wrote), so any bytes must be refused or decoded, never crash,
// hang or be undefined behaviour. A decoded queue keeps the decoder's promises: every
// column as long as the queue, every index inside its id table; and looking an
// exception up by its id finds it or says it is not there, whatever the key holds.
//
// Seeds: the images of any workbench database, e.g.
//   sqlite3 demo.db "SELECT writefile('corpus/' || run_id, queue) FROM run_queues"

#include "model/runs/queueimage.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view image(reinterpret_cast<const char *>(data), size);
    const model::MemoryImageSource source(image);
    // Lookups work on any bytes, decoded or not.
    (void)model::findInQueueImage(source, "shortage:SKU1@DC1");

    model::Queue q;
    if (!model::decodeQueueImage(image, q))
        return 0;
    const std::size_t n = q.item.size();
    const bool lengths = q.location.size() == n && q.supplier.size() == n && q.type.size() == n
        && q.topFactor.size() == n && q.action.size() == n && q.actionFeasible.size() == n
        && q.worstTier.size() == n && q.abcClass.size() == n && q.score.size() == n
        && q.needDate.size() == n && q.actionCost.size() == n && q.rank.size() == n
        && q.decision.size() == n && q.factorAmounts.size() == n * engine::kFactorCount;
    if (!lengths)
        std::abort();
    for (std::size_t r = 0; r < n && r < 16; ++r) {
        // exceptionId reads the id tables at the row's indexes.
        const std::string id = q.exceptionId(qsizetype(r)).toStdString();
        auto hit = model::findInQueueImage(source, id);
        if (hit && *hit && (*hit)->row >= n)
            std::abort();
    }
    return 0;
}
