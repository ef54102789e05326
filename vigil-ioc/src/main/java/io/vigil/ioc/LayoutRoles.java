package io.vigil.ioc;

import io.vigil.core.event.FieldLayout;

/**
 * One thread's field roles by slot for the shared {@link FieldLayout}s it saw lately (placed by serial): events of one
 * shape share a layout, so each field name is classified once per shape instead of once per event
 * (the lookup by name showed in hunt profiles). Single thread; returned arrays must not be changed.
 */
final class LayoutRoles {
    private static final int SLOTS = 64;

    private final FieldLayout[] layouts = new FieldLayout[SLOTS];
    private final FieldRole[][] roles = new FieldRole[SLOTS][];

    /** The role of each of {@code layout}'s slots, as {@code names} classifies them. */
    FieldRole[] of(FieldLayout layout, FieldRoles names) {
        int k = layout.serial() & (SLOTS - 1);
        if (layouts[k] == layout) {
            return roles[k];
        }
        FieldRole[] bySlot = new FieldRole[layout.size()];
        for (int i = 0; i < bySlot.length; i++) {
            bySlot[i] = names.of(layout.nameAt(i));
        }
        layouts[k] = layout;
        roles[k] = bySlot;
        return bySlot;
    }
}
