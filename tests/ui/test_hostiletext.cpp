// The real main window on a snapshot whose text is HTML with an <img>, terminal escape
// sequences and bidi overrides, with an item description of 4,000 bytes, the most the
// import allows (tests/common/hostilesnapshot.h). Every label that shows snapshot text
// shows it as plain text, every tooltip escapes it, long text is cut, nothing loads.
// Set PWB_SCREENSHOT_DIR to keep a PNG of the window.

#include "mainwindowfixture.h"
#include "tests/common/hostilesnapshot.h"
#include "ui/common/plaintext.h"
#include "ui/detail/detailpanel.h"

#include <QAbstractTextDocumentLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

/// A document that notes every resource (an image, a style sheet) a text asks for.
class RecordingDocument : public QTextDocument
{
public:
    QStringList requested;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        requested.append(name.toString());
        return QTextDocument::loadResource(type, name);
    }
};

/// What Qt shows for a tooltip or an auto-format label: the text as laid out, and the
/// resources the layout asked for.
struct Rendered {
    QString text;
    QStringList requested;
};

Rendered render(const QString &markupOrText)
{
    RecordingDocument doc;
    if (Qt::mightBeRichText(markupOrText))
        doc.setHtml(markupOrText);
    else
        doc.setPlainText(markupOrText);
    doc.documentLayout()->documentSize(); // lays it out, loading what it refers to
    return {doc.toPlainText(), doc.requested};
}

/// Whether `text` carries some of the hostile snapshot's text.
bool isSnapshotText(const QString &text)
{
    return text.contains(u"Widget"_s) || text.contains(u"Central"_s) || text.contains(u"Acme"_s)
        || text.contains(u"Retail"_s) || text.contains(u"<img"_s) || text.contains(u"&lt;img"_s)
        || text.contains(u"<i>E</i>"_s) || text.contains(u"&lt;i&gt;E"_s);
}

} // namespace

class TestHostileText : public mainwindowtest::MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void detailPaneShowsPlainTextCut();
    void labelsWithSnapshotTextArePlain();
    void tooltipsAreEscapedAndLoadNothing();
    void screenshot();

private:
    QString m_snapshot;
    ui::DetailPanel *m_panel = nullptr;
};

void TestHostileText::initTestCase()
{
    QVERIFY(setUpWindow());
    m_snapshot = m_dir.filePath(u"hostile"_s);
    QVERIFY(QDir().mkpath(m_snapshot));
    QVERIFY(testsupport::writeHostileSnapshot(
        QStringLiteral(PWB_SOURCE_DIR "/tests/data/valid/all-files"), m_snapshot));
    QSignalSpy finished(m_window.get(), &ui::MainWindow::importFinished);
    QVERIFY(m_window->importSnapshot(m_snapshot));
    QVERIFY(finished.wait(mainwindowtest::kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    m_panel = m_window->findChild<ui::DetailPanel *>(u"detailPanel"_s);
    QVERIFY(m_panel);
    QTRY_VERIFY(!m_panel->isEmpty());
    QVERIFY(m_panel->exceptionId().contains(u"SKU1@DC1"_s));
}

void TestHostileText::detailPaneShowsPlainTextCut()
{
    const QByteArray description
        = testsupport::hostileDescription(testsupport::hostileImagePath(m_snapshot));
    QCOMPARE(description.size(), 4000);
    auto *title = m_panel->findChild<QLabel *>(u"detailTitleLabel"_s);
    QVERIFY(title);
    QCOMPARE(title->textFormat(), Qt::PlainText);
    // The markup shows as the characters it is made of, and the text is cut.
    QVERIFY2(title->text().startsWith(u"SKU1 — <b>Widget</b><img src=\""_s),
        qPrintable(title->text().left(200)));
    // Escapes lengthen what is shown a little; the cut keeps it to a few lines.
    QVERIFY(title->text().size() <= 2 * ui::kShownTextChars);
    // Controls and bidi overrides are shown, not obeyed.
    QVERIFY2(title->text().contains(u"\\x1b]0;owned\\x07 \\x1b[2J\\rOVERWRITTEN \\u202e"_s),
        qPrintable(title->text()));
    QVERIFY(title->text().endsWith(QChar(0x2026)));
    // The whole description (up to the tooltip's cut) is one hover away, as text.
    const Rendered tip = render(title->toolTip());
    QVERIFY(tip.requested.isEmpty());
    QVERIFY2(tip.text.startsWith(u"<b>Widget</b><img src=\""_s), qPrintable(tip.text.left(200)));

    auto *where = m_panel->findChild<QLabel *>(u"detailWhereLabel"_s);
    QVERIFY(where);
    QCOMPARE(where->textFormat(), Qt::PlainText);
    QVERIFY(where->text().contains(u"<i>Central</i> \\x1b[31mDC\\r\\u202etsaE"_s));
}

void TestHostileText::labelsWithSnapshotTextArePlain()
{
    int checked = 0;
    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (!isSnapshotText(label->text()))
            continue;
        ++checked;
        // Auto-detected rich text would render the <img>: only plain text, or rich text
        // that escaped the snapshot's part, is acceptable.
        if (label->textFormat() != Qt::PlainText) {
            const Rendered shown = render(label->text());
            QVERIFY2(shown.requested.isEmpty(), qPrintable(label->objectName()));
            QVERIFY2(!label->text().contains(u"<img"_s), qPrintable(label->objectName()));
            QVERIFY2(!label->text().contains(u"<i>E"_s), qPrintable(label->objectName()));
        }
    }
    QVERIFY(checked >= 2); // the title and the location line at least
}

void TestHostileText::tooltipsAreEscapedAndLoadNothing()
{
    QStringList tips;
    const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets)
        tips.append(widget->toolTip());
    // Tooltips of the queue's cells and of the affected order lines.
    const QAbstractItemModel *queue = m_window->queueModel();
    for (int column = 0; column < queue->columnCount(); ++column)
        tips.append(queue->index(0, column).data(Qt::ToolTipRole).toString());
    const QList<QTableWidget *> tables = m_panel->findChildren<QTableWidget *>();
    for (const QTableWidget *table : tables) {
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < table->columnCount(); ++column) {
                if (const QTableWidgetItem *item = table->item(row, column))
                    tips.append(item->toolTip());
            }
        }
    }

    int checked = 0;
    for (const QString &tip : std::as_const(tips)) {
        if (!isSnapshotText(tip))
            continue;
        ++checked;
        const Rendered shown = render(tip);
        QVERIFY2(shown.requested.isEmpty(), qPrintable(tip.left(200)));
        // What the planner reads is the text as written, markup included.
        if (tip.contains(u"Widget"_s))
            QVERIFY2(shown.text.contains(u"<b>Widget</b><img src="_s), qPrintable(tip.left(200)));
        if (tip.contains(u"Retail"_s))
            QVERIFY2(shown.text.contains(u"<img src=x>Big"_s), qPrintable(tip.left(200)));
        QVERIFY(shown.text.size() <= ui::kTipTextChars + 40);
        if (tip.contains(u"E</i>"_s) || tip.contains(u"E&lt;/i&gt;"_s))
            QVERIFY2(shown.text.contains(u"<i>E</i>"_s), qPrintable(tip));
    }
    QVERIFY(checked >= 4); // title, item and description cells, a customer, an action cost
}

void TestHostileText::screenshot()
{
    QVERIFY(!m_window->grab().isNull());
    MainWindowFixture::screenshot(u"hostile-text"_s);
}

QTEST_MAIN(TestHostileText)
#include "test_hostiletext.moc"
