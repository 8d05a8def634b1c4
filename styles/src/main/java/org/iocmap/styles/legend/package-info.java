/** Legend images: draws a layer's legend as a PNG, entry for entry the same as its JSON legend. */
package org.iocmap.styles.legend;
