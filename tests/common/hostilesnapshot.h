#pragma once
// A snapshot whose text tries to take over what shows it: tests/data/valid/all-files
// with an item description, a location, supplier and customer name and the
// manifest's source_system holding HTML (and a currency code that is markup), terminal escape
// sequences (a window title change, a screen clear), carriage returns, C1 controls and bidi
// overrides. All of it is valid text under docs/snapshot-format.md; ids stay clean, as the import
// demands. SKU1 at DC1 raises the fixture's one exception, so the hostile text is on show.

#include <QDir>
#include <QFile>
#include <QString>

namespace testsupport {

/// An image the HTML description points at: if anything renders the description
/// as rich text, this is the file it would read.
inline QString hostileImagePath(const QString &folder)
{
    return folder + QStringLiteral("/probe.png");
}

/// The HTML, escape-laden description of SKU1, exactly `bytes` long (4,000, the
/// limit, by default); `imagePath` is put in an `<img>` tag.
inline QByteArray hostileDescription(const QString &imagePath, qsizetype bytes = 4000)
{
    QByteArray text = "<b>Widget</b><img src=\"" + imagePath.toUtf8()
        + "\"> \x1b]0;owned\x07 \x1b[2J\rOVERWRITTEN \xE2\x80\xAE"
          "desrever\xE2\x80\xAC "
          "\xC2\x9B"
          "31m red \xE2\x80\xA8 next \x7f end ";
    while (text.size() < bytes)
        text += "long description ";
    text.truncate(bytes);
    return text;
}

/// Writes the hostile snapshot into `folder` (which must exist); false on a write error.
inline bool writeHostileSnapshot(const QString &allFilesDir, const QString &folder)
{
    const QDir source(allFilesDir);
    for (const QString &name : source.entryList(QDir::Files)) {
        QFile in(source.filePath(name));
        if (!in.open(QIODevice::ReadOnly))
            return false;
        QByteArray data = in.readAll();
        // The row's id and its text field, quoted as CSV.
        const auto row = [](const char *id, const QByteArray &text) -> QByteArray {
            return QByteArray(id) + ",\"" + QByteArray(text).replace('"', "\"\"") + "\",";
        };
        if (name == QStringLiteral("items.csv"))
            data.replace("SKU1,Widget,", row("SKU1", hostileDescription(hostileImagePath(folder))));
        else if (name == QStringLiteral("locations.csv"))
            data.replace(
                "DC1,Central DC,", row("DC1", "<i>Central</i> \x1b[31mDC\r\xE2\x80\xAEtsaE"));
        else if (name == QStringLiteral("suppliers.csv"))
            data.replace("SUP1,Acme,", row("SUP1", "<u>Acme</u>\x1b]8;;http://x\x07\xE2\x81\xA6"));
        else if (name == QStringLiteral("customers.csv"))
            data.replace("C1,Big Retail,", row("C1", "<img src=x>Big\x1b[1A\rRetail"));
        else if (name == QStringLiteral("manifest.json"))
            data.replace("\"test fixture\"", "\"ERP\\u001b]0;title\\u0007\\r\\u202e\"")
                .replace("\"EUR\"", "\"<i>E</i>\""); // markup is fine in an id
        QFile out(folder + u'/' + name);
        if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size())
            return false;
    }
    // A real image, so that a view rendering the description as HTML would find it.
    QFile image(hostileImagePath(folder));
    return image.open(QIODevice::WriteOnly)
        && image.write(QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUl"
                                              "EQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
        > 0;
}

} // namespace testsupport
