#pragma once
// `pwb explain --format text`: an exception or a SKU-location laid out for a planner
// reading a terminal: score, the factors it is the sum of, the risk figures, the order
// lines and the recommendations, best first.

#include "model/runs/explanation.h"

#include <QTextStream>

namespace pwb {

void writeExplanationText(QTextStream &out, const model::Explanation &explanation);

} // namespace pwb
