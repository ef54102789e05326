package io.vigil.sigma.index;

import io.vigil.core.event.FieldLayout;

/**
 * The slots of one plan's fields in the shared {@link FieldLayout}s a thread saw lately, placed by the
 * layout's serial: events come in runs of a few shapes per event id, so the fields are looked up by
 * name once per shape rather than once per event. Single thread; the arrays it returns must not be
 * changed.
 */
final class PlanSlots {
    private static final int SLOTS = 16;

    private final FieldLayout[] layouts = new FieldLayout[SLOTS];
    private final int[][] slots = new int[SLOTS][];

    int[] slots(FieldLayout layout, String[] fields) {
        int k = layout.serial() & (SLOTS - 1);
        if (layouts[k] == layout) {
            return slots[k];
        }
        int[] at = resolve(layout, fields, new int[fields.length]);
        layouts[k] = layout;
        slots[k] = at;
        return at;
    }

    /** The slot of each field in {@code layout} (-1 when absent or unnamed), written into {@code into}. */
    static int[] resolve(FieldLayout layout, String[] fields, int[] into) {
        for (int f = 0; f < fields.length; f++) {
            into[f] = fields[f] == null ? -1 : layout.slotOf(fields[f]);
        }
        return into;
    }
}
