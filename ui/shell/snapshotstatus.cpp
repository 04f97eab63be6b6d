#include "ui/shell/snapshotstatus.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace ui {

SnapshotStatus::SnapshotStatus(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"snapshotStatus"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    auto label = [this, layout](const QString &name) {
        auto *l = new QLabel(this);
        l->setObjectName(name);
        l->setTextFormat(Qt::PlainText); // the snapshot id is the ERP's text
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(l);
        return l;
    };
    m_whatIf = label(u"statusWhatIf"_s);
    m_whatIf->setText(tr("What-if weights: not saved"));
    m_whatIf->setStyleSheet(u"color: #b45f06; font-weight: bold;"_s);
    m_whatIf->hide();
    m_snapshot = label(u"statusSnapshot"_s);
    m_asOf = label(u"statusAsOf"_s);
    m_scoring = label(u"statusScoring"_s);
    m_rows = label(u"statusRows"_s);
    setQueue({}, 0);
}

void SnapshotStatus::setQueue(const model::Queue &queue, qsizetype shown)
{
    const bool loaded = queue.snapshot.version > 0;
    m_snapshot->setText(loaded ? tr("Snapshot %1").arg(shownText(queue.snapshot.snapshotId, 80))
                               : tr("No snapshot"));
    m_asOf->setText(loaded ? tr("As of %1").arg(formatDate(queue.snapshot.asOf)) : QString());
    m_scoring->setText(queue.run.scoringVersion);
    m_scoring->setToolTip(tr("Scoring version; policy %1").arg(queue.run.policyHash.left(12)));
    const QLocale locale;
    m_rows->setText(
        tr("%1 of %2 exceptions shown").arg(locale.toString(shown), locale.toString(queue.size())));
    m_asOf->setVisible(loaded);
    m_scoring->setVisible(loaded);
}

void SnapshotStatus::setWhatIf(bool whatIf)
{
    m_whatIf->setVisible(whatIf);
}

} // namespace ui
