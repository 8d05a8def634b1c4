// Every user-visible string of the page, Vietnamese first, English second; dates and numbers in the
// user's locale. Texts that come from the server (layer and attribute titles, style rule titles) are
// {vi, en} objects and go through localized().

const STORAGE_KEY = 'iocmap.lang';
const LANGUAGES = ['vi', 'en'];
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };

const MESSAGES = {
  'app.title': ['Bản đồ điều hành IOC', 'IOC operations map'],
  'app.subtitle': ['Trung tâm điều hành thông minh', 'Intelligent Operations Centre'],
  'lang.switch.label': ['EN', 'VI'],
  'lang.switch.title': ['Chuyển sang tiếng Anh', 'Chuyển sang tiếng Việt'],

  'auth.signIn': ['Đăng nhập', 'Sign in'],
  'auth.signOut': ['Đăng xuất', 'Sign out'],
  'auth.anonymous': ['Khách (chỉ lớp công khai)', 'Guest (public layers only)'],
  'auth.dialog.title': ['Đăng nhập hệ thống', 'Sign in'],
  'auth.dialog.intro': [
    'Đăng nhập để xem các lớp dữ liệu theo vai trò của bạn. Khách chỉ xem được các lớp công khai.',
    'Sign in to see the layers of your role. Guests see public layers only.',
  ],
  'auth.username': ['Tên đăng nhập', 'Username'],
  'auth.password': ['Mật khẩu', 'Password'],
  'auth.submit': ['Đăng nhập', 'Sign in'],
  'auth.submitting': ['Đang đăng nhập…', 'Signing in…'],
  'auth.continueAsGuest': ['Xem với tư cách khách', 'Continue as guest'],
  'auth.demoUsers': ['Tài khoản dùng thử (bấm để điền):', 'Demo accounts (click to fill in):'],
  'auth.badCredentials': ['Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.'],
  'auth.missingFields': ['Hãy nhập tên đăng nhập và mật khẩu.', 'Enter a username and a password.'],
  'auth.expired': ['Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.', 'Your session has expired; please sign in again.'],
  'auth.signedInAs': ['Đang đăng nhập: {name}', 'Signed in as {name}'],

  'role.admin': ['Quản trị', 'Administrator'],
  'role.operator': ['Trực ban', 'Operator'],
  'role.fisheries': ['Kiểm ngư', 'Fisheries officer'],
  'role.planner': ['Quy hoạch', 'Planner'],

  'panel.label': ['Bảng điều khiển', 'Control panel'],
  'panel.title': ['Lớp bản đồ', 'Map layers'],
  'panel.loading': ['Đang tải danh sách lớp…', 'Loading layers…'],
  'panel.empty': ['Không có lớp nào bạn được xem.', 'There are no layers you may see.'],
  'panel.publicOnly': ['Bạn đang xem các lớp công khai. Đăng nhập để xem thêm.', 'You see public layers only. Sign in to see more.'],
  'layer.opacity': ['Độ mờ đục', 'Opacity'],
  'layer.count': ['{count} đối tượng', '{count} features'],
  'layer.loading': ['đang tải…', 'loading…'],
  'layer.failed': ['lỗi tải', 'failed'],
  'layer.zoomTo': ['Phóng tới lớp này', 'Zoom to this layer'],
  'layer.legend': ['Chú giải', 'Legend'],
  'layer.countView': ['{count} đối tượng trong và quanh khung nhìn', '{count} features in and around the view'],
  'layer.tiles': [
    '{count} đối tượng trong và quanh khung nhìn, vẽ dạng ảnh vì quá dày; phóng to để vẽ từng đối tượng. Bấm lên bản đồ để xem thông tin.',
    '{count} features in and around the view, drawn as an image because they are dense; zoom in to draw them one by one. Click the map for details.',
  ],

  'layer.tilesFailed': ['{count} ô ảnh không tải được.', '{count} image tiles could not be loaded.'],

  'pick.position': ['{index}/{total} đối tượng tại đây', '{index} of {total} features here'],
  'pick.previous': ['Đối tượng trước', 'Previous feature'],
  'pick.next': ['Đối tượng sau', 'Next feature'],

  'heat.on': ['Bật bản đồ nhiệt', 'Show heat map'],
  'heat.off': ['Tắt bản đồ nhiệt', 'Hide heat map'],
  'heat.title': ['Bản đồ nhiệt', 'Heat map'],
  'heat.grid': ['Ô lưới', 'Cells'],
  'heat.grid.h3': ['Lục giác', 'Hexagons'],
  'heat.grid.square': ['Ô vuông', 'Squares'],
  'heat.grid.h3.unsupported': ['Máy chủ chưa hỗ trợ lưới lục giác', 'The server does not draw hexagons yet'],
  'heat.value': ['Giá trị', 'Value'],
  'heat.value.count': ['Số đối tượng', 'Number of features'],
  'heat.value.sum': ['Tổng {attribute}', 'Sum of {attribute}'],
  'heat.window': ['Thời gian', 'Time'],
  'heat.window.24h': ['24 giờ', '24 h'],
  'heat.window.7d': ['7 ngày', '7 days'],
  'heat.window.30d': ['30 ngày', '30 days'],
  'heat.window.all': ['Tất cả', 'All'],
  'heat.end': ['Thời điểm kết thúc', 'End of the time window'],
  'heat.range': ['Từ {from} đến {to}', 'From {from} to {to}'],
  'heat.range.now': ['Từ {from} đến nay', 'From {from} until now'],
  'heat.now': ['Hiện tại', 'Now'],
  'heat.noTime': ['Lớp không có thời gian: tính mọi đối tượng.', 'The layer has no times: every feature counts.'],
  'heat.legend.count': ['Số đối tượng mỗi ô', 'Features per cell'],
  'heat.legend.sum': ['Tổng {attribute} mỗi ô', 'Sum of {attribute} per cell'],
  'heat.summary': ['{cells} ô · {count} đối tượng', '{cells} cells · {count} features'],
  'heat.loading': ['Đang tính…', 'Computing…'],
  'heat.failed': ['Không tính được bản đồ nhiệt', 'The heat map failed'],
  'heat.error': ['Không tính được bản đồ nhiệt của lớp “{layer}”.', 'Cannot compute the heat map of “{layer}”.'],
  'heat.cell.count': ['{count} đối tượng', '{count} features'],
  'heat.cell.sum': ['Tổng {attribute}: {sum}', 'Sum of {attribute}: {sum}'],

  'live.live': ['Đang cập nhật trực tiếp', 'Live updates on'],
  'live.connecting': ['Đang kết nối cập nhật trực tiếp…', 'Connecting live updates…'],
  'live.off': ['Không cập nhật trực tiếp', 'No live updates'],
  'live.failed': ['Không nhận được cập nhật trực tiếp: {detail}', 'No live updates: {detail}'],

  'query.tab': ['Truy vấn', 'Query'],
  'query.kind': ['Câu hỏi', 'Question'],
  'query.kind.near': ['Trong bán kính quanh một điểm', 'Within a radius of a point'],
  'query.kind.nearest': ['Các đối tượng gần điểm nhất', 'Nearest to a point'],
  'query.kind.within': ['Trong vùng vẽ trên bản đồ', 'Inside a drawn area'],
  'query.kind.along': ['Dọc tuyến vẽ trên bản đồ', 'Along a drawn line'],
  'query.hint.point': ['Bấm lên bản đồ để chọn điểm.', 'Click the map to place the point.'],
  'query.hint.pointDone': ['Kéo điểm để dời, hoặc bấm “Vẽ lại”.', 'Drag the point to move it, or press “Draw again”.'],
  'query.hint.polygon': [
    'Bấm lên bản đồ để thêm từng đỉnh; bấm đúp, bấm vào đỉnh đầu hoặc “Hoàn tất” để khép vùng.',
    'Click the map to add each corner; double-click, click the first corner or press “Finish” to close the area.',
  ],
  'query.hint.line': [
    'Bấm lên bản đồ để thêm từng điểm của tuyến; bấm đúp hoặc “Hoàn tất” để kết thúc.',
    'Click the map to add each point of the line; double-click or press “Finish” to end it.',
  ],
  'query.hint.shapeDone': ['Đã vẽ xong. Bấm “Vẽ lại” để vẽ hình khác.', 'Done. Press “Draw again” for another shape.'],
  'query.points': ['{count} điểm', '{count} points'],
  'query.finish': ['Hoàn tất', 'Finish'],
  'query.redraw': ['Vẽ lại', 'Draw again'],
  'query.radius': ['Bán kính (m)', 'Radius (m)'],
  'query.k': ['Số đối tượng (k)', 'Number of features (k)'],
  'query.buffer': ['Vùng đệm mỗi bên (m)', 'Buffer each side (m)'],
  'query.layers': ['Lớp cần truy vấn', 'Layers to ask'],
  'query.layers.all': ['Tất cả', 'All'],
  'query.layers.none': ['Bỏ chọn', 'None'],
  'query.filter': ['Bộ lọc CQL2 (không bắt buộc)', 'CQL2 filter (optional)'],
  'query.filter.placeholder': ["Ví dụ: status = 'NEW'", "e.g. status = 'NEW'"],
  'query.run': ['Truy vấn', 'Run query'],
  'query.running': ['Đang truy vấn…', 'Querying…'],
  'query.clear': ['Xóa', 'Clear'],
  'query.results.total': ['{count} đối tượng trong {layers} lớp', '{count} features in {layers} layers'],
  'query.results.partial': ['Hiển thị {returned} trên {matched} đối tượng', 'Showing {returned} of {matched} features'],
  'query.results.more': ['Xem thêm {count} (còn {rest})', 'Show {count} more ({rest} left)'],
  'query.result.zoom': ['Phóng tới đối tượng này', 'Zoom to this feature'],
  'query.feature': ['Đối tượng #{id}', 'Feature #{id}'],
  'query.error.title': ['Truy vấn không thành công', 'The query failed'],
  'query.error.noShape.point': ['Hãy bấm lên bản đồ để chọn điểm trước.', 'Click the map to place the point first.'],
  'query.error.noShape.polygon': ['Hãy vẽ một vùng có ít nhất 3 đỉnh.', 'Draw an area with at least 3 corners.'],
  'query.error.noShape.line': ['Hãy vẽ một tuyến có ít nhất 2 điểm.', 'Draw a line with at least 2 points.'],
  'query.error.noLayers': ['Hãy chọn ít nhất một lớp.', 'Choose at least one layer.'],
  'query.error.number': ['“{field}” phải là số từ {min} đến {max}.', '“{field}” must be a number from {min} to {max}.'],

  'vessels.tab': ['Tàu cá', 'Vessels'],
  'vessels.noAccess': ['Chỉ kiểm ngư và quản trị viên xem được tàu cá.', 'Only fisheries officers and administrators see vessels.'],
  'vessels.search': ['Tìm tàu', 'Find a vessel'],
  'vessels.search.placeholder': ['Tên tàu, số đăng ký hoặc MMSI', 'Name, registration number or MMSI'],
  'vessels.searching': ['Đang tìm…', 'Searching…'],
  'vessels.noResults': ['Không tìm thấy tàu nào.', 'No vessel found.'],
  'vessels.mmsi': ['MMSI', 'MMSI'],
  'vessels.callSign': ['Hô hiệu', 'Call sign'],
  'vessels.registration': ['Số đăng ký', 'Registration'],
  'vessels.type': ['Loại tàu', 'Type'],
  'vessels.length': ['Chiều dài', 'Length'],
  'vessels.flag': ['Quốc tịch', 'Flag'],
  'vessels.lastFix': ['Vị trí cuối lúc', 'Last fix'],
  'vessels.speed': ['Tốc độ', 'Speed'],
  'vessels.course': ['Hướng đi', 'Course'],
  'vessels.stateLabel': ['Trạng thái', 'State'],
  'vessels.state.alert': ['Đang có cảnh báo chưa xác nhận', 'Unacknowledged alert'],
  'vessels.state.dark': ['Mất tín hiệu (quá {minutes} phút)', 'Dark (no report for {minutes} min)'],
  'vessels.state.slow': ['Chạy chậm hoặc dừng (dưới {knots} hải lý/giờ)', 'Slow or stopped (under {knots} kn)'],
  'vessels.state.moving': ['Đang chạy', 'Under way'],
  'vessels.shipType.fishing': ['Tàu cá', 'Fishing vessel'],
  'vessels.shipType.passenger': ['Tàu khách', 'Passenger ship'],
  'vessels.shipType.cargo': ['Tàu hàng', 'Cargo ship'],
  'vessels.shipType.tanker': ['Tàu dầu', 'Tanker'],
  'vessels.shipType.tug': ['Tàu kéo', 'Tug'],
  'vessels.shipType.other': ['Tàu khác', 'Other vessel'],
  'vessels.period': ['Hành trình trong', 'Track of the last'],
  'vessels.hours': ['{count} giờ', '{count} h'],
  'vessels.days': ['{count} ngày', '{count} days'],
  'vessels.trackLoading': ['Đang tải hành trình…', 'Loading the track…'],
  'vessels.trackFailed': ['Không tải được hành trình.', 'Cannot load the track.'],
  'vessels.trackEmpty': ['Không có vị trí nào trong khoảng thời gian này.', 'No positions in this period.'],
  'vessels.trackSummary': ['{count} vị trí, từ {from} đến {to}', '{count} positions, from {from} to {to}'],
  'vessels.trackStart': ['Điểm đầu hành trình: {time}', 'Start of the track: {time}'],
  'vessels.replay': ['Phát lại hành trình', 'Replay the track'],
  'vessels.play': ['Phát lại', 'Play'],
  'vessels.pause': ['Tạm dừng', 'Pause'],
  'vessels.alerts': ['Cảnh báo gần đây', 'Recent alerts'],
  'vessels.alertsLoading': ['Đang tải cảnh báo…', 'Loading alerts…'],
  'vessels.noAlerts': ['Chưa có cảnh báo nào.', 'No alerts.'],

  'fences.tab': ['Vùng', 'Fences'],
  'fences.noAccess': ['Bạn không có quyền xem các vùng giám sát.', 'You may not see the geofences.'],
  'fences.show': ['Hiện các vùng trên bản đồ', 'Show fences on the map'],
  'fences.loading': ['Đang tải danh sách vùng…', 'Loading fences…'],
  'fences.empty': ['Chưa có vùng nào.', 'There are no fences.'],
  'fences.drawPolygon': ['Vẽ vùng mới', 'Draw an area'],
  'fences.drawLine': ['Vẽ tuyến mới', 'Draw a line'],
  'fences.hint.polygon': [
    'Bấm lên bản đồ để thêm từng đỉnh; bấm vào đỉnh đầu để khép vùng.',
    'Click the map to add each corner; click the first corner to close the area.',
  ],
  'fences.hint.line': ['Bấm lên bản đồ để thêm từng điểm; bấm lại điểm cuối để kết thúc.', 'Click the map to add each point; click the last point again to end the line.'],
  'fences.hint.edit': ['Kéo các đỉnh để sửa hình; bấm “Lưu” để tạo phiên bản mới.', 'Drag the corners to change the shape; press “Save” to make a new version.'],
  'fences.hint.noShapeEdit': [
    'Hình này gồm nhiều phần nên chỉ sửa được tên và loại.',
    'This shape has several parts: only its name and kind can be changed here.',
  ],
  'fences.draw.start': ['Bấm để đặt điểm đầu.', 'Click to place the first point.'],
  'fences.draw.contPolygon': ['Bấm để thêm đỉnh tiếp theo.', 'Click to add the next corner.'],
  'fences.draw.endPolygon': ['Bấm vào đỉnh đầu để khép vùng.', 'Click the first corner to close the area.'],
  'fences.draw.contLine': ['Bấm để thêm điểm tiếp theo.', 'Click to add the next point.'],
  'fences.draw.endLine': ['Bấm lại điểm cuối để kết thúc.', 'Click the last point again to finish.'],
  'fences.draw.intersect': ['Các cạnh của vùng không được cắt nhau.', 'The edges of an area must not cross.'],
  'fences.new': ['Vùng mới', 'New fence'],
  'fences.editTitle': ['Sửa “{name}”', 'Edit “{name}”'],
  'fences.name': ['Tên vùng', 'Name'],
  'fences.kind': ['Loại vùng', 'Kind'],
  'fences.version': ['Phiên bản', 'Version'],
  'fences.versionOf': ['{version} (trong {count} phiên bản)', '{version} of {count}'],
  'fences.versionShort': ['phiên bản {version}', 'version {version}'],
  'fences.effectiveFrom': ['Hiệu lực từ', 'In force from'],
  'fences.schedule': ['Thời gian áp dụng', 'Schedule'],
  'fences.schedule.always': ['Luôn áp dụng', 'Always'],
  'fences.schedule.window': ['từ {from} đến {to}', 'from {from} to {to}'],
  'fences.vesselClasses': ['Áp dụng cho', 'Applies to'],
  'fences.class.FISHING': ['Tàu cá', 'Fishing vessels'],
  'fences.class.CARGO': ['Tàu hàng', 'Cargo ships'],
  'fences.class.TANKER': ['Tàu dầu', 'Tankers'],
  'fences.class.PASSENGER': ['Tàu khách', 'Passenger ships'],
  'fences.class.TUG': ['Tàu kéo', 'Tugs'],
  'fences.class.PLEASURE': ['Tàu du lịch', 'Pleasure craft'],
  'fences.class.GOVERNMENT': ['Tàu công vụ', 'Government vessels'],
  'fences.class.OTHER': ['Tàu khác', 'Other vessels'],
  'fences.class.UNKNOWN': ['Chưa rõ loại', 'Unknown type'],
  'fences.kind.NO_FISHING_ZONE': ['Vùng cấm khai thác', 'No-fishing zone'],
  'fences.kind.PROTECTED_AREA': ['Khu bảo tồn', 'Protected area'],
  'fences.kind.FOREIGN_WATERS': ['Vùng biển nước ngoài', 'Foreign waters'],
  'fences.kind.TERRITORIAL_SEA': ['Lãnh hải', 'Territorial sea'],
  'fences.kind.PORT': ['Cảng', 'Port'],
  'fences.kind.CUSTOM': ['Vùng khác', 'Other fence'],
  'fences.save': ['Lưu', 'Save'],
  'fences.saving': ['Đang lưu…', 'Saving…'],
  'fences.cancel': ['Hủy', 'Cancel'],
  'fences.edit': ['Sửa', 'Edit'],
  'fences.delete': ['Xóa', 'Delete'],
  'fences.confirmDelete': ['Xóa vùng này?', 'Delete this fence?'],
  'fences.zoom': ['Phóng tới vùng này', 'Zoom to this fence'],
  'fences.error.name': ['Hãy đặt tên cho vùng.', 'Give the fence a name.'],

  'alerts.title': ['Cảnh báo', 'Alerts'],
  'alerts.badge': ['{count} cảnh báo chưa xác nhận', '{count} unacknowledged alerts'],
  'alerts.empty': ['Chưa có cảnh báo nào.', 'No alerts yet.'],
  'alerts.loading': ['Đang kết nối…', 'Connecting…'],
  'alerts.mute': ['Tắt âm báo', 'Mute the alert sound'],
  'alerts.unmute': ['Bật âm báo', 'Turn the alert sound on'],
  'alerts.collapse': ['Thu gọn', 'Collapse'],
  'alerts.expand': ['Mở rộng', 'Expand'],
  'alerts.zoom': ['Bấm để xem bằng chứng trên bản đồ', 'Click to see the evidence on the map'],
  'alerts.status.NEW': ['Mới', 'New'],
  'alerts.status.ACKNOWLEDGED': ['Đã xác nhận', 'Acknowledged'],
  'alerts.ack': ['Xác nhận', 'Acknowledge'],
  'alerts.ackConfirm': ['Gửi', 'Send'],
  'alerts.note': ['Ghi chú (không bắt buộc)', 'Note (optional)'],
  'alerts.noteBy': ['“{note}” — {user}', '“{note}” — {user}'],
  'alerts.ackFailed': ['Không xác nhận được cảnh báo.', 'Cannot acknowledge the alert.'],
  'alerts.loadFailed': ['Không tải được cảnh báo.', 'Cannot load the alerts.'],
  'alerts.cap': ['Tải bản tin CAP 1.2 (XML)', 'Download as a CAP 1.2 message (XML)'],
  'alerts.capFailed': ['Không tải được bản tin CAP.', 'Cannot download the CAP message.'],
  'alerts.fenceFailed': ['Không tải được vùng “{fence}”.', 'Cannot load the fence “{fence}”.'],
  'alerts.interpolated': ['nội suy', 'interpolated'],
  'alerts.event.ENTER': ['Đi vào vùng', 'Entered'],
  'alerts.event.EXIT': ['Rời vùng', 'Left'],
  'alerts.event.CROSS': ['Vượt tuyến', 'Crossed'],
  'alerts.event.APPROACH': ['Đang tiến gần', 'Approaching'],
  'alerts.event.DWELL': ['Ở lại trong vùng', 'Dwelling'],
  'alerts.event.LOITER': ['Lảng vảng', 'Loitering'],
  'alerts.event.DARK_STARTED': ['Mất tín hiệu', 'Went dark'],
  'alerts.event.DARK_ENDED': ['Có tín hiệu lại', 'Reporting again'],

  'incidents.tab': ['Sự cố', 'Incidents'],
  'incidents.title': ['Hàng đợi sự cố', 'Incident queue'],
  'incidents.noAccess': ['Chỉ trực ban và quản trị viên xem được hàng đợi sự cố.', 'Only operators and administrators see the incident queue.'],
  'incidents.limitedTo': ['Khu vực: {area}', 'Area: {area}'],
  'incidents.mute': ['Tắt âm báo cháy', 'Mute the fire alarm sound'],
  'incidents.unmute': ['Bật âm báo cháy', 'Turn the fire alarm sound on'],
  'incidents.kind.fire': ['Báo cháy', 'Fire alarms'],
  'incidents.kind.report': ['Phản ánh', 'Reports'],
  'incidents.overdueOnly': ['Chỉ quá hạn', 'Overdue only'],
  'incidents.showPins': ['Hiện trên bản đồ', 'Show on the map'],
  'incidents.filter.status': ['Trạng thái', 'Status'],
  'incidents.filter.open': ['Đang mở', 'Open'],
  'incidents.filter.all': ['Tất cả trạng thái', 'Any status'],
  'incidents.filter.window': ['Thời gian tiếp nhận', 'Received'],
  'incidents.window.24h': ['24 giờ qua', 'Last 24 h'],
  'incidents.window.7d': ['7 ngày qua', 'Last 7 days'],
  'incidents.window.30d': ['30 ngày qua', 'Last 30 days'],
  'incidents.window.all': ['Mọi thời gian', 'Any time'],
  'incidents.filter.category': ['Lĩnh vực', 'Category'],
  'incidents.filter.anyCategory': ['Mọi lĩnh vực', 'Any category'],
  'incidents.filter.area': ['Khu vực', 'Area'],
  'incidents.filter.anyArea': ['Mọi khu vực', 'Any area'],
  'incidents.search': ['Tìm mã, tiêu đề, địa chỉ', 'Find a code, title or address'],
  'incidents.count.fire': ['báo cháy', 'fire'],
  'incidents.count.report': ['phản ánh', 'reports'],
  'incidents.count.overdue': ['quá hạn', 'overdue'],
  'incidents.count.unacknowledged': ['chưa xác nhận', 'unacknowledged'],
  'incidents.unacknowledgedTitle': ['Báo cháy chưa ai xác nhận (mọi bộ lọc)', 'Fire alarms nobody has acknowledged (whatever the filters)'],
  'incidents.badge': ['{count} báo cháy chưa xác nhận', '{count} unacknowledged fire alarms'],
  'incidents.loading': ['Đang tải hàng đợi…', 'Loading the queue…'],
  'incidents.loadFailed': ['Không tải được hàng đợi sự cố.', 'Cannot load the incident queue.'],
  'incidents.empty': ['Không có sự cố nào khớp bộ lọc.', 'No incident matches the filters.'],
  'incidents.shown': ['{shown} sự cố', '{shown} incidents'],
  'incidents.shownOf': ['{shown} trên {matched} sự cố (khẩn cấp nhất trước)', '{shown} of {matched} incidents (most urgent first)'],
  'incidents.openedAt': ['Thời điểm tiếp nhận', 'Received at'],
  'incidents.alarmCount': ['{count} tín hiệu', '{count} alarms'],
  'incidents.overdueBy': ['quá hạn {duration}', 'overdue by {duration}'],
  'incidents.dueIn': ['còn {duration}', 'due in {duration}'],
  'duration.days': ['{count} ngày', '{count} d'],
  'duration.hours': ['{count} giờ', '{count} h'],
  'duration.minutes': ['{count} phút', '{count} min'],
  'duration.seconds': ['{count} giây', '{count} s'],
  'incidents.status.fire.OPEN': ['Chưa xác nhận', 'Unacknowledged'],
  'incidents.status.fire.NEW': ['Chưa xác nhận', 'Unacknowledged'],
  'incidents.status.fire.ACKNOWLEDGED': ['Đã xác nhận', 'Acknowledged'],
  'incidents.status.fire.DISPATCHED': ['Đã điều động', 'Dispatched'],
  'incidents.status.fire.RESOLVED': ['Đã xử lý', 'Resolved'],
  'incidents.status.fire.FALSE_ALARM': ['Báo cháy giả', 'False alarm'],
  'incidents.status.report.NEW': ['Mới', 'New'],
  'incidents.status.report.ASSIGNED': ['Đã giao xử lý', 'Assigned'],
  'incidents.status.report.IN_PROGRESS': ['Đang xử lý', 'In progress'],
  'incidents.status.report.RESOLVED': ['Đã xử lý xong', 'Resolved'],
  'incidents.status.report.REJECTED': ['Từ chối', 'Rejected'],
  'incidents.status.report.MERGED': ['Đã gộp', 'Merged'],
  'incidents.action.acknowledge': ['Xác nhận', 'Acknowledge'],
  'incidents.action.dispatch': ['Điều động', 'Dispatch'],
  'incidents.action.resolve': ['Hoàn thành', 'Resolve'],
  'incidents.action.fire.resolve': ['Kết thúc', 'Close'],
  'incidents.action.assign': ['Giao xử lý', 'Assign'],
  'incidents.action.start': ['Bắt đầu xử lý', 'Start'],
  'incidents.action.reject': ['Từ chối', 'Reject'],
  'incidents.action.reopen': ['Mở lại', 'Reopen'],
  'incidents.action.merge': ['Gộp', 'Merge'],
  'incidents.actionFailed': ['Không thực hiện được “{action}” cho {code}.', 'Cannot “{action}” {code}.'],
  'incidents.commentFailed': ['Không gửi được ý kiến.', 'Cannot send the comment.'],
  'incidents.form.note': ['Ghi chú (không bắt buộc)', 'Note (optional)'],
  'incidents.form.station': ['Đội chữa cháy gần nhất', 'Nearest fire station'],
  'incidents.form.agency': ['Cơ quan xử lý', 'Agency'],
  'incidents.form.unit': ['Đơn vị, người xử lý (không bắt buộc)', 'Unit or person (optional)'],
  'incidents.form.reason': ['Lý do từ chối', 'Reason for rejecting'],
  'incidents.form.mergeInto': ['Gộp vào phản ánh', 'Merge into the report'],
  'incidents.form.falseAlarm': ['Báo cháy giả', 'False alarm'],
  'incidents.form.comment': ['Viết ý kiến…', 'Write a comment…'],
  'incidents.form.send': ['Gửi', 'Send'],
  'incidents.form.cancel': ['Hủy', 'Cancel'],
  'incidents.form.reasonRequired': ['Hãy nêu lý do từ chối.', 'Give the reason for rejecting.'],
  'incidents.form.agencyRequired': ['Hãy nhập cơ quan xử lý.', 'Name the agency.'],
  'incidents.form.mergeRequired': ['Không có phản ánh trùng để gộp vào.', 'There is no duplicate to merge into.'],
  'incidents.form.stationRequired': ['Hãy chọn đội chữa cháy.', 'Choose a fire station.'],
  'incidents.form.falseAlarmNote': ['Chưa điều động đội nào: chỉ đóng được như báo cháy giả, hãy ghi rõ lý do.', 'Nobody was sent: it can only be closed as a false alarm; say why in the note.'],
  'incidents.detail.loading': ['Đang tải chi tiết…', 'Loading the details…'],
  'incidents.detail.failed': ['Không tải được chi tiết.', 'Cannot load the details.'],
  'incidents.detail.none': ['Không có.', 'None.'],
  'incidents.detail.device': ['Thiết bị', 'Device'],
  'incidents.detail.building': ['Công trình', 'Building'],
  'incidents.detail.address': ['Địa chỉ', 'Address'],
  'incidents.detail.contact': ['Liên hệ', 'Contact'],
  'incidents.detail.openedAt': ['Tiếp nhận lúc', 'Received at'],
  'incidents.detail.deadline': ['Hạn xử lý', 'Deadline'],
  'incidents.detail.station': ['Đội được điều động', 'Station dispatched'],
  'incidents.detail.floor': ['tầng {floor}', 'floor {floor}'],
  'incidents.detail.lastAlarm': ['Tín hiệu gần nhất', 'Last alarm'],
  'incidents.detail.resolution': ['Kết quả', 'Outcome'],
  'incidents.detail.mergedInto': ['Đã gộp vào', 'Merged into'],
  'incidents.detail.stations': ['Đội chữa cháy gần nhất', 'Nearest fire stations'],
  'incidents.detail.cameras': ['Camera quan sát được', 'Cameras covering it'],
  'incidents.detail.stream': ['Xem trực tiếp', 'Live stream'],
  'incidents.detail.snapshot': ['Ảnh chụp', 'Snapshot'],
  'incidents.detail.channel': ['Kênh tiếp nhận', 'Channel'],
  'incidents.detail.reporter': ['Người phản ánh', 'Reported by'],
  'incidents.detail.agency': ['Cơ quan xử lý', 'Agency'],
  'incidents.detail.photos': ['Hình ảnh', 'Photos'],
  'incidents.detail.photo': ['Ảnh hiện trường', 'Photo of the scene'],
  'incidents.detail.duplicates': ['Phản ánh có thể trùng', 'Possible duplicates'],
  'incidents.detail.noDuplicates': ['Không có phản ánh trùng.', 'No duplicates.'],
  'incidents.detail.history': ['Lịch sử xử lý', 'History'],
  'incidents.detail.comments': ['Ý kiến trao đổi', 'Comments'],
  'incidents.detail.noComments': ['Chưa có ý kiến nào.', 'No comments yet.'],
  'incidents.history.OPEN': ['Tiếp nhận', 'Received'],
  'incidents.history.CREATE': ['Tiếp nhận', 'Received'],
  'incidents.history.CREATED': ['Tiếp nhận', 'Received'],
  'incidents.history.ALARM': ['Tín hiệu báo cháy', 'Alarm signal'],
  'incidents.history.ACKNOWLEDGE': ['Xác nhận', 'Acknowledged'],
  'incidents.history.DISPATCH': ['Điều động', 'Dispatched'],
  'incidents.history.RESOLVE': ['Hoàn thành', 'Resolved'],
  'incidents.history.ASSIGN': ['Giao xử lý', 'Assigned'],
  'incidents.history.START': ['Bắt đầu xử lý', 'Started'],
  'incidents.history.REJECT': ['Từ chối', 'Rejected'],
  'incidents.history.REOPEN': ['Mở lại', 'Reopened'],
  'incidents.history.MERGE': ['Gộp', 'Merged'],
  'incidents.history.COMMENT': ['Ý kiến', 'Comment'],
  'incidents.history.station': ['Điều động: {station}', 'Sent: {station}'],
  'incidents.history.assignedTo': ['Giao cho: {to}', 'Assigned to: {to}'],
  'incidents.history.SUBMIT': ['Tiếp nhận', 'Received'],
  'incidents.history.MERGED_IN': ['Gộp phản ánh khác vào', 'Another report merged in'],
  'incidents.banner.title': ['Báo cháy mới', 'New fire alarm'],
  'incidents.banner.show': ['Xem', 'Show'],
  'incidents.banner.close': ['Đóng thông báo', 'Close the notice'],

  'kind.fire_alarm': ['Báo cháy', 'Fire alarms'],
  'kind.citizen_report': ['Phản ánh hiện trường', 'Citizen reports'],
  'kind.camera': ['Camera', 'Cameras'],
  'kind.vessel': ['Tàu thuyền', 'Vessels'],
  'kind.env_station': ['Quan trắc môi trường', 'Environmental monitoring'],
  'kind.land_use_plan': ['Quy hoạch sử dụng đất', 'Land-use plans'],
  'kind.generic': ['Lớp khác', 'Other layers'],

  'map.zoomIn': ['Phóng to', 'Zoom in'],
  'map.zoomOut': ['Thu nhỏ', 'Zoom out'],
  'popup.close': ['Đóng', 'Close'],
  'popup.noAttributes': ['Không có thông tin hiển thị.', 'No details to show.'],
  'camera.stream': ['Xem video trực tiếp', 'Watch live video'],
  'camera.snapshot': ['Xem ảnh chụp', 'View snapshot'],
  'camera.offline': ['Camera đang mất kết nối', 'The camera is offline'],
  'value.true': ['Có', 'Yes'],
  'value.false': ['Không', 'No'],

  'error.title': ['Lỗi', 'Error'],
  'error.close': ['Đóng', 'Close'],
  'error.network': ['Không kết nối được máy chủ.', 'Cannot reach the server.'],
  'error.status.400': ['Yêu cầu không hợp lệ.', 'The request was not valid.'],
  'error.status.401': ['Cần đăng nhập.', 'You need to sign in.'],
  'error.status.403': ['Bạn không có quyền xem nội dung này.', 'You may not see this.'],
  'error.status.404': ['Không tìm thấy dữ liệu.', 'Not found.'],
  'error.status.5xx': ['Máy chủ gặp lỗi.', 'The server failed.'],
  'error.status.other': ['Yêu cầu thất bại (mã {status}).', 'The request failed (status {status}).'],
  'error.layer': ['Không tải được lớp “{layer}”.', 'Cannot load the layer “{layer}”.'],
  'error.layers': ['Không tải được danh sách lớp.', 'Cannot load the layer list.'],
  'error.config': ['Không tải được cấu hình bản đồ.', 'Cannot load the map settings.'],
  'error.pick': ['Không đọc được đối tượng của lớp “{layer}” tại điểm này.', 'Cannot read the features of “{layer}” here.'],

  'basemap.attribution': [
    '© Những người đóng góp OpenStreetMap (ODbL), geoBoundaries, Natural Earth',
    '© OpenStreetMap contributors (ODbL), geoBoundaries, Natural Earth',
  ],
};

const listeners = new Set();
let current = initialLanguage();

function initialLanguage() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (LANGUAGES.includes(fromUrl)) {
    return fromUrl;
  }
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) {
      return stored;
    }
  } catch (e) {
    // storage may be disabled (private mode, policy): fall back to Vietnamese
  }
  return 'vi';
}

/** Returns the current language, 'vi' or 'en'. */
export function lang() {
  return current;
}

/** Returns the BCP 47 locale of the current language ('vi-VN' or 'en-GB'). */
export function locale() {
  return LOCALES[current];
}

/** Sets the language, remembers it, and tells every listener (which re-render their texts). */
export function setLang(language) {
  if (!LANGUAGES.includes(language) || language === current) {
    return;
  }
  current = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch (e) {
    // not remembered; the switch still works for this page
  }
  document.documentElement.lang = language;
  for (const listener of listeners) {
    listener(language);
  }
}

/** Switches between Vietnamese and English. */
export function toggleLang() {
  setLang(current === 'vi' ? 'en' : 'vi');
}

/** Calls listener(language) after each language change; returns a function that removes it. */
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Returns the message for key in the current language, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const entry = MESSAGES[key];
  if (!entry) {
    console.warn('iocmap: no message for', key);
    return key;
  }
  const text = entry[current === 'vi' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Tests whether a message exists for key. */
export function has(key) {
  return key in MESSAGES;
}

/**
 * Returns the text of a {vi, en} object from the server in the current language, falling back to the
 * other language and then to fallback. Plain strings are returned as they are.
 */
export function localized(text, fallback = '') {
  if (text == null) {
    return fallback;
  }
  if (typeof text === 'string') {
    return text;
  }
  return text[current] || text.vi || text.en || fallback;
}

/** Returns the translated name of a layer kind, for group headings. */
export function kindTitle(kind) {
  return has(`kind.${kind}`) ? t(`kind.${kind}`) : t('kind.generic');
}

/** Returns the translated name of a role; unknown roles are shown as their code. */
export function roleTitle(role) {
  return has(`role.${role}`) ? t(`role.${role}`) : role;
}

/** Formats a number in the user's locale. */
export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2, ...options }).format(value);
}

/** Formats an ISO date-time string in the user's locale and time zone; returns the input if it is not a date. */
export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(locale(), {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(date);
}

/** Formats an ISO date (yyyy-mm-dd) in the user's locale, without shifting it by the time zone. */
export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(locale(), {
    day: '2-digit', month: '2-digit', year: 'numeric', timeZone: match ? 'UTC' : undefined,
  }).format(date);
}

/** Fills every element under root that has data-i18n (text), data-i18n-title or data-i18n-placeholder. */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
}

document.documentElement.lang = current;
