// A plain driver for the fuzz targets, for any compiler: replays a seed corpus, then
// feeds a bounded number of deterministic mutations of it to the target's
// LLVMFuzzerTestOneInput. It is what CI runs (ctest -L fuzz), under the sanitizers in
// the sanitizer build; clang users can still build the same targets for libFuzzer
// (-DPWB_FUZZ=ON), which searches far wider.
//
//   fuzz_<target> [--runs N] [--seconds S] [--seed X] [--max-len L]
//                 [--last-input FILE] CORPUS_DIR...
//
// The same seed and corpus give the same inputs in the same order. With
// --last-input, each input is written to FILE before it runs, so after a crash FILE
// holds the input that caused it (feed it back as a one-file corpus with --runs 0).

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

/// splitmix64: small, fast and the same everywhere.
class Random
{
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    { }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// A number in [0, n); 0 when n is 0.
    std::size_t below(std::size_t n) { return n == 0 ? 0 : std::size_t(next() % n); }

private:
    std::uint64_t m_state;
};

/// Bytes and words that matter to the formats fuzzed here: CSV punctuation, JSON,
/// numbers at the edges, dates, and the magic of a queue image.
using namespace std::string_view_literals;
constexpr std::array<std::string_view, 24> kTokens {","sv, "\n"sv, "\""sv, "\r\n"sv, "\0"sv, "-1"sv,
    "0"sv, "1e308"sv, "-1e308"sv, "NaN"sv, "inf"sv, "2147483648"sv, "9999999999999999999"sv,
    "0.00001"sv, "2024-02-29"sv, "2024-13-40"sv, "1970-01-01"sv, "{"sv, "}"sv, ":"sv,
    "\xff\xff\xff\xff"sv, "\x00\x00\x00\x80"sv, "PWBQUEUE"sv, "\xef\xbb\xbf"sv};

void mutate(std::string &input, const std::vector<std::string> &corpus, Random &random)
{
    const int steps = 1 + int(random.below(4));
    for (int step = 0; step < steps; ++step) {
        const std::size_t at = random.below(input.size() + 1);
        switch (random.below(9)) {
        case 0: // flip a bit
            if (!input.empty())
                input[std::min(at, input.size() - 1)] ^= char(1u << random.below(8));
            break;
        case 1: // any byte
            if (!input.empty())
                input[std::min(at, input.size() - 1)] = char(random.below(256));
            break;
        case 2: { // a token
            const std::string_view token = kTokens[random.below(kTokens.size())];
            input.insert(at, token);
            break;
        }
        case 3: { // a token in place of what is there
            const std::string_view token = kTokens[random.below(kTokens.size())];
            input.replace(at, std::min(token.size(), input.size() - at), token);
            break;
        }
        case 4: // erase a run of bytes
            input.erase(at, 1 + random.below(16));
            break;
        case 5: { // repeat a run of bytes
            const std::string part = input.substr(at, 1 + random.below(32));
            input.insert(random.below(input.size() + 1), part);
            break;
        }
        case 6: { // splice in a piece of another seed
            const std::string &other = corpus[random.below(corpus.size())];
            const std::size_t from = random.below(other.size() + 1);
            input.insert(at, other.substr(from, 1 + random.below(64)));
            break;
        }
        case 7: // cut short
            input.resize(at);
            break;
        default: { // a digit for a digit, so numbers stay numbers
            for (std::size_t i = at; i < input.size(); ++i) {
                if (input[i] >= '0' && input[i] <= '9') {
                    input[i] = char('0' + random.below(10));
                    break;
                }
            }
            break;
        }
        }
    }
}

bool readFile(const std::filesystem::path &path, std::string &out)
{
    std::ifstream file(path, std::ios::binary);
    out.assign(std::istreambuf_iterator<char>(file), {});
    return bool(file) || file.eof();
}

void run(const std::string &input, const char *lastInput)
{
    if (lastInput) {
        std::ofstream file(lastInput, std::ios::binary | std::ios::trunc);
        file.write(input.data(), std::streamsize(input.size()));
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
}

} // namespace

int main(int argc, char **argv)
{
    long long runs = 20000;
    double seconds = 60;
    std::uint64_t seed = 1;
    std::size_t maxLength = 1 << 16;
    const char *lastInput = nullptr;
    std::vector<std::filesystem::path> folders;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--runs" && hasValue)
            runs = std::atoll(argv[++i]);
        else if (arg == "--seconds" && hasValue)
            seconds = std::atof(argv[++i]);
        else if (arg == "--seed" && hasValue)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (arg == "--max-len" && hasValue)
            maxLength = std::size_t(std::atoll(argv[++i]));
        else if (arg == "--last-input" && hasValue)
            lastInput = argv[++i];
        else if (!arg.starts_with("--"))
            folders.emplace_back(arg);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }

    std::vector<std::filesystem::path> files;
    for (const auto &folder : folders) {
        std::error_code error;
        for (const auto &entry : std::filesystem::directory_iterator(folder, error)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        if (error) {
            std::fprintf(
                stderr, "cannot read %s: %s\n", folder.string().c_str(), error.message().c_str());
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> corpus;
    for (const auto &path : files) {
        std::string bytes;
        if (!readFile(path, bytes)) {
            std::fprintf(stderr, "cannot read %s\n", path.string().c_str());
            return 2;
        }
        corpus.push_back(std::move(bytes));
    }
    if (corpus.empty()) {
        std::fprintf(stderr, "no seeds: give one or more corpus folders\n");
        return 2;
    }

    const auto start = std::chrono::steady_clock::now();
    for (const std::string &input : corpus)
        run(input, lastInput);

    Random random(seed);
    std::string input;
    long long done = 0;
    for (; done < runs; ++done) {
        if ((done & 63) == 0
            && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                > seconds)
            break;
        // Mostly a fresh seed; sometimes the last input again, to go deeper.
        if (input.empty() || random.below(4) != 0)
            input = corpus[random.below(corpus.size())];
        mutate(input, corpus, random);
        if (input.size() > maxLength)
            input.resize(maxLength);
        run(input, lastInput);
    }
    const double elapsed
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu seeds and %lld mutated inputs (seed %llu) in %.1f s\n", corpus.size(), done,
        static_cast<unsigned long long>(seed), elapsed);
    return 0;
}
