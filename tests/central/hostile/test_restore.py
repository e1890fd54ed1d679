"""A counter restored from a backup goes on: the operations it records after the restore
are applied, numbered above what the centre already has from it."""

from services.core import backups
from services.core.bootstrap import open_counter
from tests.central.hostile.realcounter import local_scalar, next_label
from tests.central.hostile.state import balance
from tests.factories import earn, register


def test_operations_after_a_restore_are_applied(world, make_counter):
    central = world.central
    world.store("T001")
    counter = make_counter(next_label())
    member = register(counter)
    earn(counter, member.id, "R1", 10_000)
    assert counter.cycle().ok
    data = counter.runtime.data_dir
    kept = backups.back_up_now(data, counter.clock.now())
    counter.clock.advance(seconds=5)
    earn(counter, member.id, "R2", 10_000)  # sent, then lost with the restore
    assert counter.cycle().ok
    centre_seq = central.scalar("SELECT last_seq FROM device WHERE id = :d", d=counter.device_id)
    assert centre_seq > kept.last_seq
    counter.runtime.close()
    counter.clock.advance(seconds=5)
    backups.restore(data, kept.path, counter.manager, counter.clock.now())
    counter.runtime = open_counter(data, counter.clock)
    try:
        counter.clock.advance(seconds=5)
        earn(counter, member.id, "R3", 10_000)
        report = counter.cycle()  # one cycle: push, pull, push
        assert report.ok, report.error_code
        assert report.pending == 0
        states = local_scalar(
            counter, "SELECT group_concat(state) FROM outbox WHERE seq > ?", kept.last_seq
        )
        assert set(states.split(",")) == {"applied"}
        # R1, R2 and R3: 100 points each, none lost, none twice.
        assert balance(central, member.id) == 300
        assert (
            central.scalar("SELECT count(*) FROM purchase WHERE member_id = :m", m=member.id) == 3
        )
    finally:
        counter.runtime.close()
