/**
 * Styles: how each layer is drawn (rules to symbols), the national land-use colours, colour ramps, legends and the
 * page's JSON.
 */
package org.iocmap.styles;
