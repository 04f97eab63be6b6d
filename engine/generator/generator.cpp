#include "engine/generator/generator.h"

#include "engine/core/date.h"
#include "engine/generator/snapshotgenerator.h"

#include <cmath>

namespace engine {

GeneratorOptions demoGeneratorOptions()
{
    GeneratorOptions options;
    options.items = 60;
    options.locations = 4;
    options.seed = 7;
    return options;
}

std::expected<GeneratorSummary, std::string> generateSnapshot(
    const GeneratorOptions &options, const std::filesystem::path &directory)
{
    if (options.items < 1 || options.items > kGeneratorMaxItems)
        return std::unexpected("items must be between 1 and " + std::to_string(kGeneratorMaxItems)
            + ", got " + std::to_string(options.items));
    if (options.locations < 1 || options.locations > kGeneratorMaxLocations)
        return std::unexpected("locations must be between 1 and "
            + std::to_string(kGeneratorMaxLocations) + ", got "
            + std::to_string(options.locations));
    if (std::int64_t(options.items) * options.locations > kGeneratorMaxItemLocations)
        return std::unexpected(
            "items x locations must be at most " + std::to_string(kGeneratorMaxItemLocations));
    const auto asOf = parseDate(options.asOf);
    if (!asOf)
        return std::unexpected("as-of date must be YYYY-MM-DD, got \"" + options.asOf + "\"");
    auto rateOk = [](double r) { return std::isfinite(r) && r >= 0 && r <= 20; };
    if (!rateOk(options.salesLinesPerItemLocation) || !rateOk(options.purchaseLinesPerItemLocation))
        return std::unexpected(
            std::string("order lines per SKU-location must be between 0 and 20"));
    if (options.currency.size() != 3)
        return std::unexpected(
            "currency must be a three-letter code, got \"" + options.currency + "\"");
    if (directory.empty())
        return std::unexpected(std::string("no output directory given"));
    detail::SnapshotGenerator generator(options, *asOf, directory);
    return generator.run();
}

} // namespace engine
