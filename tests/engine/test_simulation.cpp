#include <QtTest/QtTest>
class TestSimulation : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestSimulation)
#include "test_simulation.moc"
