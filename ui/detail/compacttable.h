#pragma once
// A read-only table for the detail pane: as tall as its rows (up to ten, then it
// scrolls inside the pane), never taller, with the look every table there shares.

#include <QTableWidget>

namespace ui {

class CompactTable : public QTableWidget
{
    Q_OBJECT

public:
    CompactTable(int columns, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    /// Fits the height to the rows; call after filling the table.
    void fitRows();
    /// A cell whose text is aligned right (figures).
    static QTableWidgetItem *rightAligned(const QString &text);

private:
    int visibleRowsHeight() const;
};

} // namespace ui
