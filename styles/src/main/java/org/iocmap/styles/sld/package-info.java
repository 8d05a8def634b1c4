/** SLD export: writes layer styles as OGC Styled Layer Descriptor 1.0.0 documents for map servers and desktop GIS. */
package org.iocmap.styles.sld;
